namespace SpiderPlugins.Cni;

/// <summary>An error that becomes the single CNI error JSON document on stdout.</summary>
public sealed class CniException : Exception
{
    public CniException(int code, string message, string? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Details = details;
    }

    public int Code { get; }
    public string? Details { get; }
}
