using System.Security.Cryptography;
using System.Text;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>An access key of a demo user; ages in days before collection, null LastUsed for a key never used.</summary>
internal sealed record DemoKey(double Created, double? LastUsed, bool Active = true, string Service = "s3", string Region = "us-east-1");

/// <summary>
/// A demo IAM user, described once and rendered into every read that mentions it: ListUsers, the
/// credential report, ListAccessKeys and the user's policy listings. Ages are days before collection;
/// a null PasswordSet means no console password, a null PasswordUsed a password never used.
/// </summary>
internal sealed record DemoUser(string Name, string Path, double Created)
{
    public double? PasswordSet { get; init; }
    public double? PasswordUsed { get; init; }
    public bool Mfa { get; init; }
    public DemoKey[] Keys { get; init; } = [];
    public string[] ManagedPolicies { get; init; } = [];
    public string[] InlinePolicies { get; init; } = [];
    /// <summary>The scanner may not read this user's keys and policies.</summary>
    public bool ReadsDenied { get; init; }

    public string Arn(string account) => $"arn:aws:iam::{account}:user{Path}{Name}";

    /// <summary>A stable IAM-style identifier (AIDA…, AKIA…) derived from the name.</summary>
    public static string StableId(string prefix, string seed)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var id = new StringBuilder(prefix);
        for (var i = 0; id.Length < 20; i++)
            id.Append(alphabet[hash[i] % alphabet.Length]);
        return id.ToString();
    }

    public string KeyId(string account, int slot) => StableId("AKIA", $"{account}/{Name}/{slot}");
}

/// <summary>Records a set of demo users and the account's root row into an account's IAM reads.</summary>
internal static class DemoIamUsers
{
    /// <summary>Who the demo scans as: an IAM user in production, an assumed role in development.</summary>
    public static string Scanner(string account) => account == DemoAccount.ProductionAccount
        ? $"arn:aws:iam::{account}:user/security-auditor"
        : $"arn:aws:sts::{account}:assumed-role/SecurityAudit/scan";

    /// <summary>The root user's row: its password use and up to two access keys.</summary>
    public sealed record Root(double Created, double? PasswordUsed, bool Mfa, DemoKey[] Keys);

    public static void Record(DemoRecorder a, DemoClock clock, Root root, IReadOnlyList<DemoUser> users)
    {
        var id = a.AccountId;
        var listed = users.Select(u => $$"""
            {"Path": "{{u.Path}}", "UserName": "{{u.Name}}", "UserId": "{{DemoUser.StableId("AIDA", id + u.Name)}}",
             "Arn": "{{u.Arn(id)}}", "CreateDate": "{{clock.DaysAgo(u.Created)}}"{{(u.PasswordUsed is { } used ? $", \"PasswordLastUsed\": \"{clock.DaysAgo(used)}\"" : "")}}}
            """);
        a.Global(IamCalls.ListUsers, $$"""{"Users": [{{string.Join(",", listed)}}]}""");

        var rows = users.Select(u => CredentialReportCsv.UserRow(u.Name, u.Arn(id), clock.DaysAgo(u.Created),
            u.PasswordSet is { } set ? clock.DaysAgo(set) : null, u.PasswordUsed is { } used ? clock.DaysAgo(used) : null, u.Mfa,
            Keys(u.Keys, clock)));
        var rootRow = CredentialReportCsv.RootRow($"arn:aws:iam::{id}:root", clock.DaysAgo(root.Created),
            root.PasswordUsed is { } rootUse ? clock.DaysAgo(rootUse) : null, root.Mfa, Keys(root.Keys, clock));
        a.Global(IamCalls.GetCredentialReport, $$"""
            {"Content": "{{CredentialReportCsv.Content(rows.Prepend(rootRow))}}", "ReportFormat": "text/csv",
             "GeneratedTime": "{{clock.Ago(TimeSpan.FromMinutes(3))}}"}
            """);

        foreach (var u in users)
        {
            var user = Params(("UserName", u.Name));
            if (u.ReadsDenied)
            {
                foreach (var call in new[] { IamCalls.ListAccessKeys, IamCalls.ListAttachedUserPolicies, IamCalls.ListUserPolicies })
                    a.Failure(call, AwsIds.GlobalRegion, user, Inventory.Snapshot.ErrorKind.AccessDenied, "AccessDenied",
                        $"User: {Scanner(id)} is not authorized to perform: iam:{call.Operation} "
                        + $"on resource: user {u.Name} with an explicit deny in an identity-based policy", 403);
                continue;
            }
            var keys = u.Keys.Select((k, i) => $$"""
                {"UserName": "{{u.Name}}", "AccessKeyId": "{{u.KeyId(id, i + 1)}}", "Status": "{{(k.Active ? "Active" : "Inactive")}}",
                 "CreateDate": "{{clock.DaysAgo(k.Created)}}"}
                """);
            a.Target(IamCalls.ListAccessKeys, AwsIds.GlobalRegion, user, $$"""{"AccessKeyMetadata": [{{string.Join(",", keys)}}]}""");
            var managed = u.ManagedPolicies.Select(arn => $$"""{"PolicyName": "{{arn[(arn.LastIndexOf('/') + 1)..]}}", "PolicyArn": "{{arn}}"}""");
            a.Target(IamCalls.ListAttachedUserPolicies, AwsIds.GlobalRegion, user, $$"""{"AttachedPolicies": [{{string.Join(",", managed)}}]}""");
            a.Target(IamCalls.ListUserPolicies, AwsIds.GlobalRegion, user,
                $$"""{"PolicyNames": [{{string.Join(",", u.InlinePolicies.Select(n => $"\"{n}\""))}}]}""");
        }
    }

    private static List<CredentialReportCsv.Key> Keys(DemoKey[] keys, DemoClock clock) =>
        keys.Select(k => new CredentialReportCsv.Key(k.Active, clock.DaysAgo(k.Created), k.LastUsed is { } used ? clock.DaysAgo(used) : null,
            k.Region, k.Service)).ToList();
}
