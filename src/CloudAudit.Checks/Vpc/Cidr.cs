using System.Net;

namespace CloudAudit.Checks.Vpc;

/// <summary>CIDR blocks as parsed networks, so checks compare address ranges rather than strings.</summary>
public static class Cidr
{
    public static IPNetwork? Parse(string? text) => text is not null && IPNetwork.TryParse(text, out var network) ? network : null;

    /// <summary>Every address of its family: 0.0.0.0/0 or ::/0, however written.</summary>
    public static bool IsWholeInternet(string? text) => Parse(text) is { PrefixLength: 0 };

    public static bool IsIpv6(string text) => Parse(text)?.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>Whether <paramref name="outer"/> holds every address of <paramref name="inner"/>.</summary>
    public static bool Covers(IPNetwork outer, IPNetwork inner) =>
        outer.BaseAddress.AddressFamily == inner.BaseAddress.AddressFamily
        && outer.PrefixLength <= inner.PrefixLength
        && outer.Contains(inner.BaseAddress);
}

/// <summary>IP protocol values as EC2 reports them: names for tcp/udp/icmp, numbers otherwise, "-1" for all.</summary>
public static class IpProtocol
{
    public static bool IsAll(string? protocol) => protocol is "-1" or "all";

    public static bool IsTcp(string? protocol) => protocol is "tcp" or "6";

    /// <summary>Whether traffic to a TCP port matches a rule of this protocol and port range.</summary>
    public static bool CoversTcpPort(string? protocol, int? from, int? to, int port) =>
        IsAll(protocol) || (IsTcp(protocol) && from <= port && port <= to);
}
