using System.Globalization;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Iam;

/// <summary>An access key in a credential report row; ages in days before <see cref="TestAccount.Now"/>.</summary>
public sealed record ReportKey(double Created, double? Used = null, bool Active = true);

/// <summary>Builders for IAM data in tests: credential report rows, access key listings, summaries.</summary>
public static class IamData
{
    public const string RootArn = $"arn:aws:iam::{TestAccount.Id}:root";

    public static string UserArn(string name) => $"arn:aws:iam::{TestAccount.Id}:user/{name}";

    /// <summary>A time <paramref name="days"/> before the test clock, as the credential report writes it.</summary>
    public static string DaysAgo(double days) =>
        (TestAccount.Now - TimeSpan.FromDays(days)).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>A user row: <paramref name="passwordSet"/> null means no console password, <paramref name="passwordUsed"/> null a password never used.</summary>
    public static string User(string name, double? passwordSet = null, double? passwordUsed = null, bool mfa = false, params ReportKey[] keys) =>
        CredentialReportCsv.UserRow(name, UserArn(name), DaysAgo(1000), Ago(passwordSet), Ago(passwordUsed), mfa, Keys(keys));

    public static string Root(double? passwordUsed = null, bool mfa = true, params ReportKey[] keys) =>
        CredentialReportCsv.RootRow(RootArn, DaysAgo(3000), Ago(passwordUsed), mfa, Keys(keys));

    public static TestAccount WithCredentialReport(this TestAccount account, params string[] rows)
    {
        account.Record.Global(IamCalls.GetCredentialReport, $$"""
            {"Content": "{{CredentialReportCsv.Content(rows)}}", "ReportFormat": "text/csv", "GeneratedTime": "{{DaysAgo(0.01)}}"}
            """);
        return account;
    }

    /// <summary>ListAccessKeys for a user: key IDs with the same creation times as the report's rows.</summary>
    public static TestAccount WithAccessKeys(this TestAccount account, string user, params (string Id, double Created, bool Active)[] keys)
    {
        var listed = keys.Select(k => $$"""
            {"UserName": "{{user}}", "AccessKeyId": "{{k.Id}}", "Status": "{{(k.Active ? "Active" : "Inactive")}}", "CreateDate": "{{DaysAgo(k.Created)}}"}
            """);
        account.Record.Target(IamCalls.ListAccessKeys, AwsIds.GlobalRegion, Params(("UserName", user)),
            $$"""{"AccessKeyMetadata": [{{string.Join(",", listed)}}]}""");
        return account;
    }

    public static TestAccount WithSummary(this TestAccount account, int mfa, int rootKeys, int rootPassword = 1)
    {
        account.Record.Global(IamCalls.GetAccountSummary, $$"""
            {"SummaryMap": {"Users": 3, "AccountMFAEnabled": {{mfa}}, "AccountAccessKeysPresent": {{rootKeys}}, "AccountPasswordPresent": {{rootPassword}}} }
            """);
        return account;
    }

    public static TestAccount DeniedGlobal(this TestAccount account, ApiCall call, System.Text.Json.Nodes.JsonObject? parameters = null) =>
        account.Denied(call, AwsIds.GlobalRegion, parameters);

    public static TestAccount NotFoundGlobal(this TestAccount account, ApiCall call, string code, System.Text.Json.Nodes.JsonObject? parameters = null)
    {
        account.Record.Failure(call, AwsIds.GlobalRegion, parameters, ErrorKind.NotFound, code, "not found", 404);
        return account;
    }

    private static string? Ago(double? days) => days is { } d ? DaysAgo(d) : null;

    private static List<CredentialReportCsv.Key> Keys(ReportKey[] keys) =>
        keys.Select(k => new CredentialReportCsv.Key(k.Active, DaysAgo(k.Created), Ago(k.Used))).ToList();
}
