using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Bedrock;

public class BedrockTests
{
    private const string Logging = """{"loggingConfig": {"cloudWatchConfig": {"logGroupName": "/aws/bedrock", "roleArn": "arn:aws:iam::111122223333:role/r"}, "textDataDeliveryEnabled": true}}""";
    private const string S3Logging = """{"loggingConfig": {"s3Config": {"bucketName": "bedrock-logs"}}}""";

    [Fact]
    public void Every_region_without_a_logging_destination_fails()
    {
        var account = new TestAccount("us-east-1", "eu-west-1", "eu-central-1")
            .Answer(BedrockCalls.GetModelInvocationLoggingConfiguration, "us-east-1", Logging)
            .Answer(BedrockCalls.GetModelInvocationLoggingConfiguration, "eu-west-1", "{}")
            .Answer(BedrockCalls.GetModelInvocationLoggingConfiguration, "eu-central-1", """{"loggingConfig": {"textDataDeliveryEnabled": true}}""");
        var result = account.Run("aws-bedrock-001");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["eu-west-1", "eu-central-1"], result.Findings.Select(f => f.Region).ToArray());
        Assert.Contains("aws bedrock put-model-invocation-logging-configuration --region eu-west-1 --logging-config", result.Findings[0].Remediation!.Cli);
    }

    [Fact]
    public void S3_logging_passes_an_scp_denial_is_not_assessed_and_an_absent_service_is_not_applicable()
    {
        Assert.Equal(CheckStatus.Pass, new TestAccount("us-east-1").Answer(BedrockCalls.GetModelInvocationLoggingConfiguration, "us-east-1", S3Logging).Run("aws-bedrock-001").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("eu-central-1").Denied(BedrockCalls.GetModelInvocationLoggingConfiguration, "eu-central-1").Run("aws-bedrock-001").Status);
        var absent = new TestAccount("us-east-1", "af-south-1")
            .Answer(BedrockCalls.GetModelInvocationLoggingConfiguration, "us-east-1", Logging)
            .NotOffered(BedrockCalls.GetModelInvocationLoggingConfiguration, "af-south-1");
        var result = absent.Run("aws-bedrock-001");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }

    private static TestAccount Usage(string region, bool invocations, bool agents, string guardrails) => new TestAccount(region)
        .Answer(BedrockCalls.ListInvocationMetrics, region, invocations
            ? """{"Metrics": [{"Namespace": "AWS/Bedrock", "MetricName": "Invocations", "Dimensions": [{"Name": "ModelId", "Value": "m"}]}]}"""
            : """{"Metrics": []}""")
        .Answer(BedrockCalls.ListAgents, region, agents ? """{"agentSummaries": [{"agentId": "A1", "agentName": "a"}]}""" : """{"agentSummaries": []}""")
        .Answer(BedrockCalls.ListGuardrails, region, guardrails);

    [Fact]
    public void A_region_that_uses_bedrock_without_a_guardrail_fails()
    {
        var finding = Usage("us-east-1", invocations: true, agents: false, """{"guardrails": []}""").Run("aws-bedrock-002").Single();
        Assert.Equal("Bedrock is in use in us-east-1 (model invocations in the past two weeks) but the region has no guardrail.", finding.Description);
        Assert.StartsWith("aws bedrock create-guardrail --region us-east-1 --name baseline", finding.Remediation!.Cli);
        Assert.Contains("Bedrock agent(s)", Usage("us-east-1", false, true, """{"guardrails": []}""").Run("aws-bedrock-002").Single().Description);
    }

    [Fact]
    public void Guardrails_pass_and_unused_regions_are_not_in_scope()
    {
        Assert.Equal(CheckStatus.Pass, Usage("us-east-1", true, true, """{"guardrails": [{"id": "g", "name": "g", "status": "READY"}]}""").Run("aws-bedrock-002").Status);
        Assert.Equal(CheckStatus.NotApplicable, Usage("us-east-1", false, false, """{"guardrails": []}""").Run("aws-bedrock-002").Status);
    }

    [Fact]
    public void Unknown_usage_or_unreadable_guardrails_are_not_assessed()
    {
        var usage = new TestAccount("us-east-1").Denied(BedrockCalls.ListInvocationMetrics, "us-east-1")
            .Answer(BedrockCalls.ListAgents, "us-east-1", """{"agentSummaries": []}""").Answer(BedrockCalls.ListGuardrails, "us-east-1", """{"guardrails": []}""");
        Assert.Equal(CheckStatus.NotAssessed, usage.Run("aws-bedrock-002").Status);
        var guardrails = new TestAccount("us-east-1").Answer(BedrockCalls.ListInvocationMetrics, "us-east-1", """{"Metrics": [{"MetricName": "Invocations"}]}""")
            .Denied(BedrockCalls.ListAgents, "us-east-1").Denied(BedrockCalls.ListGuardrails, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, guardrails.Run("aws-bedrock-002").Status);
    }
}
