using System.Text.RegularExpressions;

namespace CloudAudit.Checks.Secrets;

/// <summary>
/// Recognises credentials in plain-text values: known formats (AWS access key IDs, private keys,
/// GitHub, Slack, Stripe … tokens), URLs with an embedded password, and long high-entropy strings.
/// It returns the kind of secret only: callers must never print, log or store any part of the value.
/// </summary>
public static partial class SecretValues
{
    private sealed record Format(string Kind, Regex Pattern);

    private static readonly Format[] Formats =
    [
        new("private key", PrivateKey()),
        new("AWS access key ID", AwsAccessKeyId()),
        new("GitHub token", GitHubToken()),
        new("GitLab token", GitLabToken()),
        new("Slack token", SlackToken()),
        new("Slack webhook URL", SlackWebhook()),
        new("Stripe API key", StripeKey()),
        new("Google API key", GoogleApiKey()),
        new("SendGrid API key", SendGridKey()),
        new("npm token", NpmToken()),
        new("JSON Web Token", JsonWebToken()),
    ];

    public const string HighEntropy = "high-entropy string";
    public const string UrlWithPassword = "URL with an embedded password";

    /// <summary>The kind of secret the value holds, or null.</summary>
    public static string? Classify(string value, string? variableName = null)
    {
        var text = value.Trim();
        if (text.Length == 0 || IsReference(text) || IsKmsCiphertext(text)) return null;
        foreach (var format in Formats)
            if (format.Pattern.IsMatch(text))
                return format.Kind;
        if (HasEmbeddedPassword(text)) return UrlWithPassword;
        if (IsHighEntropy(text, variableName)) return HighEntropy;
        return null;
    }

    /// <summary>
    /// A literal that could be a secret when the name says it is one: not empty, not a reference to a
    /// secret store, not encrypted, not a flag or a number.
    /// </summary>
    public static bool IsLiteral(string value)
    {
        var text = value.Trim();
        return text.Length > 0 && !IsReference(text) && !IsKmsCiphertext(text) && !FlagOrNumber().IsMatch(text);
    }

    /// <summary>ARNs, SSM parameter paths, CloudFormation dynamic references and ${placeholders} point at a secret; they are not one.</summary>
    public static bool IsReference(string text) =>
        text.StartsWith("arn:", StringComparison.Ordinal)
        || text.StartsWith("{{resolve:", StringComparison.Ordinal)
        || text.StartsWith("${", StringComparison.Ordinal)
        || ParameterPath().IsMatch(text);

    /// <summary>A KMS ciphertext blob (what the console's encryption helpers store): encrypted, so not a plain-text secret.</summary>
    public static bool IsKmsCiphertext(string text)
    {
        if (!(text.StartsWith("AQICAH", StringComparison.Ordinal) || text.StartsWith("AQIBAH", StringComparison.Ordinal)) || text.Length < 100)
            return false;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    public static bool HasEmbeddedPassword(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && colon < uri.UserInfo.Length - 1;
        }
        // Multi-host connection strings (mongodb://u:p@h1,h2/db) that Uri does not parse.
        return UserInfoWithPassword().IsMatch(text);
    }

    /// <summary>
    /// Long random-looking tokens: base64-style strings of 24+ characters that mix upper case, lower
    /// case and digits with at least 4.2 bits of entropy per character, or hex strings of 32+
    /// characters (unless the name says it is a hash, commit or digest).
    /// </summary>
    public static bool IsHighEntropy(string text, string? variableName = null)
    {
        if (Base64Like().IsMatch(text) && text.Length >= 24
            && text.Any(char.IsAsciiLetterUpper) && text.Any(char.IsAsciiLetterLower) && text.Any(char.IsAsciiDigit))
            return Entropy(text) >= 4.2;
        if (Hex().IsMatch(text) && text.Length >= 32 && Entropy(text) >= 3.0)
            return variableName is null || !SecretNames.Words(variableName).Any(w => w is "sha" or "hash" or "commit" or "digest"
                or "checksum" or "revision" or "etag" or "build" or "version" or "md5" or "git");
        return false;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(string text)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in text) counts[c] = counts.GetValueOrDefault(c) + 1;
        return counts.Values.Sum(n =>
        {
            var p = (double)n / text.Length;
            return -p * Math.Log2(p);
        });
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")]
    private static partial Regex PrivateKey();
    [GeneratedRegex(@"(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])")]
    private static partial Regex AwsAccessKeyId();
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})")]
    private static partial Regex GitHubToken();
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}")]
    private static partial Regex GitLabToken();
    [GeneratedRegex(@"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();
    [GeneratedRegex(@"https://hooks\.slack\.com/(services|workflows|triggers)/[A-Za-z0-9/_-]{20,}")]
    private static partial Regex SlackWebhook();
    [GeneratedRegex(@"(?<![A-Za-z0-9])[rs]k_(live|test)_[A-Za-z0-9]{16,}")]
    private static partial Regex StripeKey();
    [GeneratedRegex(@"(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}")]
    private static partial Regex GoogleApiKey();
    [GeneratedRegex(@"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}")]
    private static partial Regex SendGridKey();
    [GeneratedRegex(@"(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}")]
    private static partial Regex NpmToken();
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex JsonWebToken();
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@")]
    private static partial Regex UserInfoWithPassword();
    [GeneratedRegex(@"^/[A-Za-z0-9_.\-/]+$")]
    private static partial Regex ParameterPath();
    [GeneratedRegex(@"^[A-Za-z0-9+/=_-]+$")]
    private static partial Regex Base64Like();
    [GeneratedRegex("^[0-9a-fA-F]+$")]
    private static partial Regex Hex();
    [GeneratedRegex(@"^(?i:true|false|yes|no|on|off|none|null)$|^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex FlagOrNumber();
}
