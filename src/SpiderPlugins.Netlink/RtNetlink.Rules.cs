using System.Net.Sockets;
using SpiderPlugins.Netlink.Codecs;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink;

public sealed partial class RtNetlink
{
    private static readonly NlDecoder<Rule> DecodeRule = RuleCodec.Decode;

    /// <summary>Adds a "lookup table" rule (NLM_F_EXCL): EEXIST if an identical rule exists.</summary>
    public void AddRule(Rule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        lock (_gate)
        {
            RuleCodec.WriteAdd(_nl.Writer, _nl.NextSeq(), r);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, RuleCodec.Describe(r));
        }
    }

    /// <summary>Deletes the first rule matching every field given; ENOENT when none does.</summary>
    public void DeleteRule(Rule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        lock (_gate)
        {
            RuleCodec.WriteDelete(_nl.Writer, _nl.NextSeq(), r);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, RuleCodec.Describe(r));
        }
    }

    public IReadOnlyList<Rule> ListRules(AddressFamily family)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentOutOfRangeException(nameof(family), family, "IPv4 or IPv6");
        return FilteredDump(() => RuleCodec.WriteDump(_nl.Writer, _nl.NextSeq(), family), DecodeRule, r => r.Family != family);
    }
}
