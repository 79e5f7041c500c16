namespace SpiderPlugins.Cni;

/// <summary>Error codes as the CNI spec 1.1.0 defines them (0-99 reserved), plus our own from 100 on.</summary>
public static class CniErrorCode
{
    public const int IncompatibleVersion = 1;
    public const int UnsupportedField = 2;
    public const int UnknownContainer = 3;
    public const int InvalidEnvironment = 4;
    public const int IoFailure = 5;
    public const int DecodeFailure = 6;
    public const int InvalidConfig = 7;
    public const int TryAgainLater = 11;
    public const int StatusNotAvailable = 50;
    public const int StatusLimitedConnectivity = 51;
    /// <summary>Operational failure: a kernel call failed or the attachment is not as it should be.</summary>
    public const int Internal = 999;
    /// <summary>CHECK found a kernel object missing or different from the desired state.</summary>
    public const int CheckMismatch = 999;
    /// <summary>The IP conflict probe saw another host answer for the pod's address.</summary>
    public const int IpConflict = 100;
}
