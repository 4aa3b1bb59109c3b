using System.Text;

namespace CloudAudit.Demo;

/// <summary>
/// Writes IAM credential reports in AWS's CSV layout (the demo's and tests' source of report data).
/// Times are passed already formatted; null means the credential was never used.
/// </summary>
public static class CredentialReportCsv
{
    public const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    /// <summary>An access key slot: when it was created and last used (null: never).</summary>
    public sealed record Key(bool Active, string Created, string? LastUsed, string Region = "us-east-1", string Service = "s3");

    /// <summary>An IAM user's row; a null <paramref name="passwordSet"/> means no console password.</summary>
    public static string UserRow(string user, string arn, string created, string? passwordSet, string? passwordUsed, bool mfa,
        IReadOnlyList<Key> keys) =>
        Row(user, arn, created, Bool(passwordSet is not null),
            passwordSet is null ? "N/A" : passwordUsed ?? "no_information", passwordSet ?? "N/A", "N/A", mfa, keys);

    /// <summary>The root user's row, whose password columns the report marks not_supported.</summary>
    public static string RootRow(string arn, string created, string? passwordUsed, bool mfa, IReadOnlyList<Key> keys) =>
        Row("<root_account>", arn, created, "not_supported", passwordUsed ?? "no_information", "not_supported", "not_supported", mfa, keys);

    /// <summary>GetCredentialReport's Content: the CSV, base64-encoded.</summary>
    public static string Content(IEnumerable<string> rows) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Header + "\n" + string.Concat(rows.Select(r => r + "\n"))));

    private static string Row(string user, string arn, string created, string passwordEnabled, string passwordUsed, string passwordChanged,
        string nextRotation, bool mfa, IReadOnlyList<Key> keys)
    {
        var cells = new List<string> { user, arn, created, passwordEnabled, passwordUsed, passwordChanged, nextRotation, Bool(mfa) };
        for (var slot = 0; slot < 2; slot++)
        {
            if (slot < keys.Count && keys[slot] is { } key)
                cells.AddRange([Bool(key.Active), key.Created, key.LastUsed ?? "N/A",
                    key.LastUsed is null ? "N/A" : key.Region, key.LastUsed is null ? "N/A" : key.Service]);
            else
                cells.AddRange(["false", "N/A", "N/A", "N/A", "N/A"]);
        }
        cells.AddRange(["false", "N/A", "false", "N/A"]);
        return string.Join(',', cells);
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
