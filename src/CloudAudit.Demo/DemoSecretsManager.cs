using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production rotates its database secret (replicated to Dublin) but not the Stripe key, which a resource
/// policy keeps for the orders processor alone; it shares a read-only warehouse login with a BI vendor's
/// account, and keeps a legacy FTP credential nobody has read in months; RDS manages its own master secret.
/// Development has an API token that is neither rotated nor used and the data pipeline's warehouse login, and
/// an SCP denies the scanner in Frankfurt. The security account keeps one rotated, used secret that only its
/// log forwarder may read.
/// </summary>
internal sealed class DemoSecretsManager : IDemoPart
{
    public const string StripeKey = "prod/northwind/stripe-api-key";
    public const string SiemToken = "security/siem/api-token";
    public const string DatabaseRotation = "SecretsManagerRDSPostgreSQLRotationSingleUser";
    public const string SiemTokenRotation = "siem-api-token-rotation";
    private const string BiVendor = "666677778888";

    /// <summary>One secret's answers; Policy is its resource policy's statement (null: none).</summary>
    private sealed record Secret(string Name, bool Rotation, double? AccessedDaysAgo, double CreatedDaysAgo, string? OwningService = null, string? Primary = null,
        string RotationFunction = DatabaseRotation, string? Policy = null);

    /// <summary>The secret's ARN: Secrets Manager appends six characters to the name.</summary>
    public static string SecretArn(string account, string region, string name) =>
        $"arn:aws:secretsmanager:{region}:{account}:secret:{name}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..6]}";

    public void Production(DemoRecorder a, DemoClock clock) => Record(a, clock, new()
    {
        ["us-east-1"] =
        [
            new("prod/northwind/db-master", true, 0.5, 640),
            new(StripeKey, false, 1, 410, Policy: OnlyFor("OnlyOrdersProcessor", $"arn:aws:iam::{a.AccountId}:role/{DemoIamAuthorization.OrdersProcessorRole}")),
            // The BI vendor's dashboards read it every morning from the vendor's own account.
            new("prod/reporting/warehouse-readonly", false, 0.3, 500, Policy: $$"""
                {"Sid":"BiVendorDashboards","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{BiVendor}}:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}
                """),
            new("prod/legacy/ftp-credentials", false, 212, 1200),
            new("rds!db-4f8e2a1b-7c3d-4e5f-9a0b-1c2d3e4f5a6b", true, 0.2, 300, OwningService: "rds"),
        ],
        ["eu-west-1"] = [new("prod/northwind/db-master", true, 3, 200, Primary: "us-east-1")],
    });

    public void Development(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, new()
        {
            ["us-east-1"] = [new("dev/app/api-token", false, 120, 400), new("dev/warehouse/etl-user", false, 2, 330)],
        }, skip: "eu-central-1");
        a.Failure(SecretsManagerCalls.ListSecrets, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
            $"User: arn:aws:sts::{a.AccountId}:assumed-role/SecurityAudit/scan is not authorized to perform: secretsmanager:ListSecrets with an explicit deny in a service control policy", 400);
    }

    /// <summary>The SIEM's API token, read by the log forwarder every day and rotated monthly.</summary>
    public void Security(DemoRecorder a, DemoClock clock) => Record(a, clock, new()
    {
        ["us-east-1"] =
        [
            new(SiemToken, true, 0.5, 520, RotationFunction: SiemTokenRotation,
                Policy: OnlyFor("OnlyTheLogForwarder", $"arn:aws:iam::{a.AccountId}:user/service/{DemoIamAuthorization.SiemForwarder}")),
        ],
    });

    /// <summary>Nobody but one principal may read the value, whatever their IAM policies allow.</summary>
    private static string OnlyFor(string sid, string principalArn) => $$"""
        {"Sid":"{{sid}}","Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*",
         "Condition":{"StringNotEquals":{"aws:PrincipalArn":"{{principalArn}}"} } }
        """;

    private static void Record(DemoRecorder a, DemoClock clock, Dictionary<string, Secret[]> byRegion, string? skip = null)
    {
        foreach (var region in a.Regions.Where(r => r != skip))
        {
            var secrets = byRegion.GetValueOrDefault(region) ?? [];
            var listed = secrets.Select(s =>
            {
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
                    {"ARN": "{{SecretArn(a.AccountId, region, s.Name)}}", "Name": "{{s.Name}}",
                     {{rotation}}{{accessed}}{{owner}}{{primary}}"LastChangedDate": "{{clock.DaysAgo(s.Rotation ? 12 : s.CreatedDaysAgo)}}",
                     "CreatedDate": "{{clock.DaysAgo(s.CreatedDaysAgo)}}", "Tags": [], "SecretVersionsToStages": {} }
                    """;
            });
            a.Regional(SecretsManagerCalls.ListSecrets, region, $$"""{"SecretList": [{{string.Join(",", listed)}}]}""");
            foreach (var secret in secrets)
            {
                var arn = SecretArn(a.AccountId, region, secret.Name);
                var response = new JsonObject { ["ARN"] = arn, ["Name"] = secret.Name };
                if (secret.Policy is not null)
                    response["ResourcePolicy"] = $$"""{"Version":"2012-10-17","Statement":[{{secret.Policy}}]}""";
                a.Target(ResourcePolicyCalls.GetSecretResourcePolicy, region, Params(("SecretId", arn)), response.ToJsonString());
            }
        }
    }
}
