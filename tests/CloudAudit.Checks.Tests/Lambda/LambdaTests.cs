using System.Text.Json;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Lambda;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Lambda;

public class LambdaTests
{
    private static string Function(string name, string? runtime = "python3.13", string environment = "{}", string packageType = "Zip") => $$"""
        {"FunctionName": "{{name}}", "FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:{{name}}",
         {{(runtime is null ? "" : $"\"Runtime\": \"{runtime}\", ")}}"PackageType": "{{packageType}}", "Environment": {"Variables": {{environment}}} }
        """;

    private static TestAccount With(params string[] functions) =>
        new TestAccount("us-east-1").Answer(LambdaCalls.ListFunctions, "us-east-1", $$"""{"Functions": [{{string.Join(",", functions)}}]}""");

    private static TestAccount Url(TestAccount account, string name, string? authType, string qualifier = "") =>
        account.Answer(LambdaCalls.ListFunctionUrlConfigs, "us-east-1", "FunctionName", name, authType is null ? """{"FunctionUrlConfigs": []}""" : $$"""
            {"FunctionUrlConfigs": [{"FunctionUrl": "https://abc.lambda-url.us-east-1.on.aws/", "AuthType": "{{authType}}",
              "FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:{{name}}{{qualifier}}", "CreationTime": "2026-01-01T00:00:00Z", "LastModifiedTime": "2026-01-01T00:00:00Z"}]}
            """);

    [Fact]
    public void A_function_url_without_auth_fails_and_iam_auth_passes()
    {
        var account = With(Function("open"), Function("signed"), Function("none"));
        Url(account, "open", "NONE", ":live");
        Url(account, "signed", "AWS_IAM");
        Url(account, "none", null);
        var result = account.Run("aws-lambda-001");
        var finding = result.Single();
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:open:live", finding.ResourceId);
        Assert.Equal("aws lambda update-function-url-config --region us-east-1 --function-name open:live --auth-type AWS_IAM", finding.Remediation!.Cli);
    }

    [Fact]
    public void Url_configurations_that_could_not_be_read_are_not_assessed()
    {
        var account = With(Function("f")).DeniedTarget(LambdaCalls.ListFunctionUrlConfigs, "us-east-1", "FunctionName", "f");
        var result = account.Run("aws-lambda-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal(0, result.ResourcesScanned);
    }

    [Fact]
    public void Lambda_absent_from_every_region_is_not_applicable() =>
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount("us-east-1").NotOffered(LambdaCalls.ListFunctions, "us-east-1").Run("aws-lambda-002").Status);

    [Fact]
    public void Deprecated_runtimes_fail_with_the_date_and_severity_following_the_lifecycle()
    {
        // Scan time 2026-11-01: python3.8 is blocked from updates, python3.10 deprecated on 2026-10-31,
        // dotnet8 (2026-11-10) is weeks away, python3.13 is current; image functions are not judged.
        var account = With(Function("blocked", "python3.8"), Function("deprecated", "python3.10"), Function("soon", "dotnet8"),
            Function("current", "python3.13"), Function("image", null, packageType: "Image"));
        var result = account.Run("aws-lambda-002");
        Assert.Equal(4, result.ResourcesScanned);
        Assert.Equal(["blocked", "deprecated", "soon"], result.Findings.Select(f => f.ResourceId.Split(':').Last()).ToArray());
        Assert.Equal([Severity.High, Severity.Medium, Severity.Low], result.Findings.Select(f => f.Severity).ToArray());
        Assert.Equal("Function blocked runs python3.8, deprecated on 2024-10-14; AWS has blocked updates to it since 2025-11-01.", result.Findings[0].Description);
        Assert.Equal("Function soon runs dotnet8, which will be deprecated on 2026-11-10.", result.Findings[2].Description);
        Assert.EndsWith("--function-name blocked --runtime python3.13", result.Findings[0].Remediation!.Cli);
    }

    [Fact]
    public void Functions_on_current_runtimes_pass() =>
        Assert.Equal(CheckStatus.Pass, With(Function("a", "nodejs22.x"), Function("b", "java21")).Run("aws-lambda-002").Status);

    [Fact]
    public void The_runtime_table_is_consistent()
    {
        Assert.Equal(LambdaRuntimes.All.Count, LambdaRuntimes.All.Select(r => r.Id).Distinct().Count());
        Assert.All(LambdaRuntimes.All, r =>
        {
            Assert.NotNull(LambdaRuntimes.Find(r.Successor));
            Assert.True(r.BlockCreate is null || r.BlockCreate >= r.Deprecated || r.Id == "nodejs4.3-edge");
            Assert.True(r.BlockUpdate is null || r.BlockCreate is null || r.BlockUpdate >= r.BlockCreate);
        });
    }

    [Fact]
    public void Secrets_in_environment_variables_fail_naming_variable_and_kind_but_never_the_value()
    {
        const string accessKey = "AKIA4NORTHWINDDEV7QX";
        const string password = "Dev-Passw0rd-2024";
        var account = With(
            Function("leaky", environment: $$"""{"UPLOAD_KEY": "{{accessKey}}", "DB_PASSWORD": "{{password}}", "TABLE": "orders"}"""),
            Function("clean", environment: """{"DB_PASSWORD_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbC", "STAGE": "prod"}"""));
        var result = account.Run("aws-lambda-003");
        var finding = result.Single();
        Assert.Equal(2, result.ResourcesScanned);
        Assert.Equal("Function leaky holds 2 secret(s) in plain-text environment variables: DB_PASSWORD (plain-text value in a variable named as a secret), "
            + "UPLOAD_KEY (AWS access key ID). Values are not shown.", finding.Description);
        var everything = JsonSerializer.Serialize(result.Findings) + string.Join("|", result.Findings.Select(f => f.Remediation!.Cli + f.Remediation.Terraform));
        foreach (var secret in new[] { accessKey, password })
            for (var i = 0; i + 6 <= secret.Length; i++)
                Assert.DoesNotContain(secret.Substring(i, 6), everything, StringComparison.Ordinal);
        Assert.Contains("jq --argjson names '[\"DB_PASSWORD\",\"UPLOAD_KEY\"]' '.Variables | with_entries(", finding.Remediation!.Cli);
        Assert.Contains("--name lambda/leaky --secret-string file://secret.json", finding.Remediation.Cli);
    }

    [Fact]
    public void Without_functions_there_is_nothing_to_judge() =>
        Assert.Equal(CheckStatus.NotApplicable, With().Run("aws-lambda-003").Status);

    [Fact]
    public void A_denied_listing_is_not_assessed() =>
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Denied(LambdaCalls.ListFunctions, "us-east-1").Run("aws-lambda-003").Status);
}
