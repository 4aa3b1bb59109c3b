using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.SecretsManager;

public class SecretsManagerTests
{
    private static string Secret(string name, bool rotation = false, string? accessed = "2026-10-30T00:00:00Z", string created = "2025-01-01T00:00:00Z",
        string? owner = null, string? primary = null, string region = "us-east-1") => $$"""
        {"ARN": "arn:aws:secretsmanager:{{region}}:111122223333:secret:{{name}}-AbCdEf", "Name": "{{name}}", "RotationEnabled": {{(rotation ? "true" : "false")}},
         {{(accessed is null ? "" : $"\"LastAccessedDate\": \"{accessed}\", ")}}{{(owner is null ? "" : $"\"OwningService\": \"{owner}\", ")}}
         {{(primary is null ? "" : $"\"PrimaryRegion\": \"{primary}\", ")}}"LastChangedDate": "{{created}}", "CreatedDate": "{{created}}"}
        """;

    private static TestAccount With(params string[] secrets) =>
        new TestAccount("us-east-1").Answer(SecretsManagerCalls.ListSecrets, "us-east-1", $$"""{"SecretList": [{{string.Join(",", secrets)}}]}""");

    [Fact]
    public void Secrets_without_rotation_fail_but_service_owned_secrets_and_replicas_are_skipped()
    {
        var account = new TestAccount("us-east-1", "eu-west-1")
            .Answer(SecretsManagerCalls.ListSecrets, "us-east-1", $$"""{"SecretList": [{{Secret("db", rotation: true)}}, {{Secret("api-key")}}, {{Secret("rds!db-1", owner: "rds")}}]}""")
            .Answer(SecretsManagerCalls.ListSecrets, "eu-west-1", $$"""{"SecretList": [{{Secret("db", primary: "us-east-1", region: "eu-west-1")}}]}""");
        var result = account.Run("aws-sm-001");
        var finding = result.Single();
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal("arn:aws:secretsmanager:us-east-1:111122223333:secret:api-key-AbCdEf", finding.ResourceId);
        Assert.Equal("Secret api-key has no automatic rotation; its value last changed 2025-01-01 (669 days ago).", finding.Description);
        Assert.Contains("aws secretsmanager rotate-secret --region us-east-1 --secret-id api-key --rotation-lambda-arn <ROTATION_LAMBDA_ARN>", finding.Remediation!.Cli);
    }

    [Fact]
    public void Rotated_secrets_pass_and_a_denied_listing_is_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, With(Secret("db", rotation: true)).Run("aws-sm-001").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Denied(SecretsManagerCalls.ListSecrets, "us-east-1").Run("aws-sm-001").Status);
        Assert.Equal(CheckStatus.NotApplicable, With(Secret("rds!db-1", owner: "rds")).Run("aws-sm-001").Status);
    }

    [Fact]
    public void Secrets_unread_for_90_days_or_never_read_since_creation_fail_as_cost()
    {
        var result = With(Secret("stale", accessed: "2026-07-01T00:00:00Z"), Secret("never", accessed: null, created: "2026-01-01T00:00:00Z"),
            Secret("fresh"), Secret("new", accessed: null, created: "2026-10-01T00:00:00Z")).Run("aws-sm-002");
        Assert.Equal(4, result.ResourcesScanned);
        Assert.Equal(["Secret stale was last read on 2026-07-01 (123 days ago).", "Secret never has never been read since it was created on 2026-01-01."],
            result.Findings.Select(f => f.Description).ToArray());
        Assert.All(result.Findings, f => Assert.Equal(Category.Cost, f.Category));
        Assert.Contains("aws secretsmanager delete-secret --region us-east-1 --secret-id stale --recovery-window-in-days 30", result.Findings[0].Remediation!.Cli);
    }

    [Fact]
    public void Recently_read_secrets_pass() => Assert.Equal(CheckStatus.Pass, With(Secret("fresh")).Run("aws-sm-002").Status);
}
