namespace CloudAudit.Policy.Parsing;

/// <summary>
/// Policy documents as IAM APIs return them: GetAccountAuthorizationDetails, GetPolicyVersion and
/// GetRolePolicy return URL-encoded JSON (RFC 3986), other APIs plain JSON. Accepts both.
/// </summary>
public static class PolicyText
{
    public static string Decode(string document)
    {
        var trimmed = document.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] == '{') return document;
        if (trimmed[0] != '%') return document;
        return Uri.UnescapeDataString(document);
    }
}
