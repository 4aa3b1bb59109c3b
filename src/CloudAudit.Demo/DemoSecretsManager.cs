using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Production rotates its database secret (replicated to Dublin) but not the Stripe key, and keeps
/// a legacy FTP credential nobody has read in months; RDS manages its own master secret.
/// Development has an API token that is neither rotated nor used, and an SCP denies the scanner in Frankfurt.
/// The security account keeps one rotated, used secret.
/// </summary>
internal sealed class DemoSecretsManager : IDemoPart
{
    private sealed record Secret(string Name, bool Rotation, double? AccessedDaysAgo, double CreatedDaysAgo, string? OwningService = null, string? Primary = null,
        string RotationFunction = "SecretsManagerRDSPostgreSQLRotationSingleUser");

    public void Production(DemoRecorder a, DemoClock clock) => Record(a, clock, new()
    {
        ["us-east-1"] =
        [
            new("prod/northwind/db-master", true, 0.5, 640),
            new("prod/northwind/stripe-api-key", false, 1, 410),
            new("prod/legacy/ftp-credentials", false, 212, 1200),
            new("rds!db-4f8e2a1b-7c3d-4e5f-9a0b-1c2d3e4f5a6b", true, 0.2, 300, OwningService: "rds"),
        ],
        ["eu-west-1"] = [new("prod/northwind/db-master", true, 3, 200, Primary: "us-east-1")],
    });

    public void Development(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, new() { ["us-east-1"] = [new("dev/app/api-token", false, 120, 400)] }, skip: "eu-central-1");
        a.Failure(SecretsManagerCalls.ListSecrets, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
            $"User: arn:aws:sts::{a.AccountId}:assumed-role/SecurityAudit/scan is not authorized to perform: secretsmanager:ListSecrets with an explicit deny in a service control policy", 400);
    }

    /// <summary>The SIEM's API token, read by the log forwarder every day and rotated monthly.</summary>
    public void Security(DemoRecorder a, DemoClock clock) => Record(a, clock, new()
    {
        ["us-east-1"] = [new("security/siem/api-token", true, 0.5, 520, RotationFunction: "siem-api-token-rotation")],
    });

    private static void Record(DemoRecorder a, DemoClock clock, Dictionary<string, Secret[]> byRegion, string? skip = null)
    {
        foreach (var region in a.Regions.Where(r => r != skip))
        {
            var secrets = (byRegion.GetValueOrDefault(region) ?? []).Select(s =>
            {
                var suffix = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s.Name)))[..6];
                var rotation = s.Rotation
                    ? $$"""
                        "RotationEnabled": true, "RotationLambdaARN": "arn:aws:lambda:{{s.Primary ?? region}}:{{a.AccountId}}:function:{{s.RotationFunction}}",
                        "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "{{clock.DaysAgo(12)}}", "NextRotationDate": "{{clock.DaysAgo(-18)}}",
                        """
                    : "";
                var accessed = s.AccessedDaysAgo is { } days ? $"\"LastAccessedDate\": \"{clock.DaysAgo(Math.Floor(days))}\", " : "";
                var owner = s.OwningService is null ? "" : $"\"OwningService\": \"{s.OwningService}\", ";
                var primary = s.Primary is null ? "" : $"\"PrimaryRegion\": \"{s.Primary}\", ";
                return $$"""
                    {"ARN": "arn:aws:secretsmanager:{{region}}:{{a.AccountId}}:secret:{{s.Name}}-{{suffix}}", "Name": "{{s.Name}}",
                     {{rotation}}{{accessed}}{{owner}}{{primary}}"LastChangedDate": "{{clock.DaysAgo(s.Rotation ? 12 : s.CreatedDaysAgo)}}",
                     "CreatedDate": "{{clock.DaysAgo(s.CreatedDaysAgo)}}", "Tags": [], "SecretVersionsToStages": {} }
                    """;
            });
            a.Regional(SecretsManagerCalls.ListSecrets, region, $$"""{"SecretList": [{{string.Join(",", secrets)}}]}""");
        }
    }
}
