using System.Text;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Inventory.Tests;

public class CredentialReportTests
{
    private const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private const string RootRow =
        "<root_account>,arn:aws:iam::111122223333:root,2019-02-01T10:00:00+00:00,not_supported,2026-10-30T08:15:00+00:00,not_supported,"
        + "not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

    private const string AliceRow =
        "alice,arn:aws:iam::111122223333:user/alice,2024-05-01T09:00:00+00:00,true,no_information,2024-05-01T09:05:00+00:00,N/A,false,"
        + "true,2025-01-02T03:04:05+00:00,2026-10-01T12:00:00+00:00,eu-west-1,s3,false,2024-06-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A";

    [Fact]
    public void Parses_typed_rows_with_the_report_markers_as_absent_values()
    {
        var report = CredentialReport.Parse($"{Header}\n{RootRow}\n{AliceRow}\n");

        Assert.Equal(2, report.Rows.Count);
        var root = Assert.IsType<CredentialReportRow>(report.Root);
        Assert.True(root.IsRoot);
        Assert.Null(root.PasswordEnabled);
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 8, 15, 0, TimeSpan.Zero), root.PasswordLastUsed);
        Assert.Null(root.PasswordLastChanged);
        Assert.True(root.MfaActive);
        Assert.All(root.AccessKeys, k => Assert.False(k.Exists));

        var alice = Assert.Single(report.Users);
        Assert.Equal("alice", alice.User);
        Assert.Equal("arn:aws:iam::111122223333:user/alice", alice.Arn);
        Assert.True(alice.PasswordEnabled);
        Assert.Null(alice.PasswordLastUsed);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 5, 0, TimeSpan.Zero), alice.PasswordLastChanged);
        Assert.False(alice.MfaActive);
        var key1 = alice.AccessKeys[0];
        Assert.True(key1.Active);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), key1.LastRotated);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero), key1.LastUsed);
        Assert.Equal("eu-west-1", key1.LastUsedRegion);
        Assert.Equal("s3", key1.LastUsedService);
        var key2 = alice.AccessKeys[1];
        Assert.False(key2.Active);
        Assert.True(key2.Exists);
        Assert.Null(key2.LastUsed);
        Assert.Null(key2.LastUsedRegion);
        Assert.Equal([key1], alice.ActiveKeys);
    }

    [Fact]
    public void Reads_quoted_fields_as_rfc_4180_defines_them()
    {
        // A quoted field may hold the separator, doubled quotes and a line break.
        var row = AliceRow.Replace("alice,arn:aws:iam::111122223333:user/alice,", "\"al,\"\"ice\"\"\",\"arn:aws:iam::111122223333:user/a\r\nb\",",
            StringComparison.Ordinal);
        var user = Assert.Single(CredentialReport.Parse($"{Header}\r\n{row}\r\n").Users);
        Assert.Equal("al,\"ice\"", user.User);
        Assert.Equal("arn:aws:iam::111122223333:user/a\r\nb", user.Arn);
        Assert.Equal("s3", user.AccessKeys[0].LastUsedService);
    }

    [Fact]
    public void Finds_columns_by_header_name_whatever_their_order()
    {
        var names = Header.Split(',');
        var values = AliceRow.Split(',');
        var order = Enumerable.Range(0, names.Length).Reverse().ToList();
        var csv = string.Join(",", order.Select(i => names[i]).Append("a_future_column")) + "\n"
            + string.Join(",", order.Select(i => values[i]).Append("x")) + "\n";

        var user = Assert.Single(CredentialReport.Parse(csv).Users);
        Assert.Equal("alice", user.User);
        Assert.Equal("eu-west-1", user.AccessKeys[0].LastUsedRegion);
    }

    [Fact]
    public void A_missing_column_is_named_in_the_error()
    {
        var csv = Header.Replace(",mfa_active", "", StringComparison.Ordinal) + "\n";
        var error = Assert.Throws<FormatException>(() => CredentialReport.Parse(csv));
        Assert.Contains("'mfa_active'", error.Message);
    }

    [Fact]
    public void A_malformed_value_names_its_line_and_column()
    {
        var row = AliceRow.Replace("2025-01-02T03:04:05+00:00", "yesterday", StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => CredentialReport.Parse($"{Header}\n{RootRow}\n{row}\n"));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("access_key_1_last_rotated", error.Message);
    }

    [Fact]
    public void Decodes_the_base64_content_of_GetCredentialReport()
    {
        var content = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Header}\n{AliceRow}\n"));
        var generated = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var report = CredentialReport.FromContent(content, generated);
        Assert.Equal("alice", Assert.Single(report.Users).User);
        Assert.Null(report.Root);
        Assert.Equal(generated, report.GeneratedTime);
        Assert.Throws<FormatException>(() => CredentialReport.FromContent("not base64!"));
    }

    [Fact]
    public void A_report_with_only_the_header_has_no_rows()
    {
        Assert.Empty(CredentialReport.Parse(Header + "\n").Rows);
    }
}
