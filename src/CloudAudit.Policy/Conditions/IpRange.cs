using System.Net;

namespace CloudAudit.Policy.Conditions;

/// <summary>An IPv4 or IPv6 CIDR block as IpAddress conditions use it; a bare address is a /32 or /128.</summary>
public readonly record struct IpRange(byte[] Network, int PrefixLength)
{
    public static bool TryParse(string text, out IpRange range)
    {
        range = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText.Trim(), out var address)) return false;
        var bytes = Normalize(address).GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
            return false;
        range = new IpRange(Mask(bytes, prefix), prefix);
        return true;
    }

    public static bool TryParseAddress(string text, out byte[] bytes)
    {
        bytes = [];
        if (!IPAddress.TryParse(text, out var address)) return false;
        bytes = Normalize(address).GetAddressBytes();
        return true;
    }

    static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    static byte[] Mask(byte[] bytes, int prefix)
    {
        var masked = (byte[])bytes.Clone();
        for (var i = 0; i < masked.Length; i++)
        {
            var bits = Math.Clamp(prefix - i * 8, 0, 8);
            masked[i] &= (byte)(0xFF << (8 - bits));
        }
        return masked;
    }

    public bool Contains(byte[] address)
    {
        if (address.Length != Network.Length) return false;
        var masked = Mask(address, PrefixLength);
        return masked.AsSpan().SequenceEqual(Network);
    }

    /// <summary>True for 0.0.0.0/0 and ::/0: a range that restricts nothing.</summary>
    public bool IsEverything => PrefixLength == 0;

    public override string ToString() => $"{new IPAddress(Network)}/{PrefixLength}";
}
