namespace SpiderPlugins.Cni;

/// <summary>The verbs of CNI spec 1.1.0.</summary>
public enum CniCommand
{
    Add,
    Del,
    Check,
    Version,
    Gc,
    Status,
}
