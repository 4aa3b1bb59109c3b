using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.AgentCore;

public class AgentCoreTests
{
    private const string Arn = "arn:aws:bedrock-agentcore:us-east-1:111122223333";

    private static TestAccount Listed(ApiCall list, string member, string idMember, ApiCall get, string parameter, params (string Id, string Detail)[] items)
    {
        var account = new TestAccount("us-east-1").Answer(list, "us-east-1",
            $$"""{"{{member}}": [{{string.Join(",", items.Select(i => $$"""{"{{idMember}}": "{{i.Id}}"}"""))}}]}""");
        foreach (var (id, detail) in items)
            account.Answer(get, "us-east-1", parameter, id, detail);
        return account;
    }

    private static TestAccount Interpreters(params (string Id, string Mode)[] items) =>
        Listed(AgentCoreCalls.ListCodeInterpreters, "codeInterpreterSummaries", "codeInterpreterId", AgentCoreCalls.GetCodeInterpreter, "codeInterpreterId",
            items.Select(i => (i.Id, $$"""{"codeInterpreterId": "{{i.Id}}", "codeInterpreterArn": "{{Arn}}:code-interpreter-custom/{{i.Id}}", "name": "{{i.Id}}", "networkConfiguration": {"networkMode": "{{i.Mode}}"} }""")).ToArray());

    private static TestAccount Runtimes(params (string Id, string Mode, bool? MmdsV2)[] items) =>
        Listed(AgentCoreCalls.ListAgentRuntimes, "agentRuntimes", "agentRuntimeId", AgentCoreCalls.GetAgentRuntime, "agentRuntimeId",
            items.Select(i => (i.Id, $$"""
                {"agentRuntimeId": "{{i.Id}}", "agentRuntimeArn": "{{Arn}}:runtime/{{i.Id}}", "agentRuntimeName": "{{i.Id}}", "roleArn": "arn:aws:iam::111122223333:role/rt",
                 "networkConfiguration": {"networkMode": "{{i.Mode}}"}{{(i.MmdsV2 is { } v ? $", \"metadataConfiguration\": {{\"requireMMDSV2\": {(v ? "true" : "false")}}}" : "")}}}
                """)).ToArray());

    private static TestAccount Memories(params (string Id, string? Key)[] items) =>
        Listed(AgentCoreCalls.ListMemories, "memories", "id", AgentCoreCalls.GetMemory, "memoryId",
            items.Select(i => (i.Id, $$"""
                {"memory": {"id": "{{i.Id}}", "arn": "{{Arn}}:memory/{{i.Id}}", "name": "{{i.Id}}", "eventExpiryDuration": 30{{(i.Key is null ? "" : $", \"encryptionKeyArn\": \"{i.Key}\"")}} } }
                """)).ToArray());

    private static TestAccount Gateways(params (string Id, string Authorizer, string? Mode)[] items) =>
        Listed(AgentCoreCalls.ListGateways, "items", "gatewayId", AgentCoreCalls.GetGateway, "gatewayIdentifier",
            items.Select(i => (i.Id, $$"""
                {"gatewayId": "{{i.Id}}", "gatewayArn": "{{Arn}}:gateway/{{i.Id}}", "name": "{{i.Id}}", "roleArn": "arn:aws:iam::111122223333:role/gw",
                 "authorizerType": "{{i.Authorizer}}"{{(i.Mode is null ? "" : $", \"policyEngineConfiguration\": {{\"arn\": \"{Arn}:policy-engine/pe\", \"mode\": \"{i.Mode}\"}}")}}}
                """)).ToArray());

    [Fact]
    public void Public_code_interpreters_fail()
    {
        var result = Interpreters(("sandboxed", "SANDBOX"), ("vpc", "VPC"), ("public", "PUBLIC")).Run("aws-agc-001");
        Assert.Equal(3, result.ResourcesScanned);
        var finding = result.Single();
        Assert.Equal($"{Arn}:code-interpreter-custom/public", finding.ResourceId);
        Assert.Contains("aws bedrock-agentcore-control delete-code-interpreter --region us-east-1 --code-interpreter-id public", finding.Remediation!.Cli);
        Assert.Contains("jq --arg name public_sandbox '", finding.Remediation.Cli);
    }

    [Fact]
    public void Public_runtimes_fail_aws_agc_002_and_runtimes_without_mmdsv2_fail_aws_agc_003()
    {
        var account = Runtimes(("locked", "VPC", true), ("open", "PUBLIC", null), ("v1", "VPC", false));
        Assert.Equal(["open"], account.Run("aws-agc-002").Findings.Select(f => f.ResourceId.Split('/').Last()).ToArray());
        var mmds = account.Run("aws-agc-003").Findings;
        Assert.Equal(["open", "v1"], mmds.Select(f => f.ResourceId.Split('/').Last()).ToArray());
        Assert.Contains("get-agent-runtime --region us-east-1 --agent-runtime-id v1 --output json > agent-runtime.json", mmds[1].Remediation!.Cli);
        Assert.Contains(".metadataConfiguration = {requireMMDSV2: true}' agent-runtime.json > new-agent-runtime.json", mmds[1].Remediation!.Cli);
        Assert.StartsWith("# The AWS provider's aws_bedrockagentcore_agent_runtime has no argument for requireMMDSV2 yet", mmds[1].Remediation!.Terraform);
    }

    [Fact]
    public void Memories_without_a_customer_key_fail()
    {
        var finding = Memories(("keyed", "arn:aws:kms:us-east-1:111122223333:key/k"), ("plain", null)).Run("aws-agc-004").Single();
        Assert.Equal($"{Arn}:memory/plain", finding.ResourceId);
        Assert.Contains("--name plain_cmk --event-expiry-duration 30 --encryption-key-arn <KMS_KEY_ARN>", finding.Remediation!.Cli);
    }

    [Fact]
    public void Gateways_without_an_authorizer_or_an_enforcing_policy_engine_fail()
    {
        var account = Gateways(("good", "CUSTOM_JWT", "ENFORCE"), ("open", "NONE", null), ("logging", "AWS_IAM", "LOG_ONLY"));
        var auth = account.Run("aws-agc-005").Single();
        Assert.Equal($"{Arn}:gateway/open", auth.ResourceId);
        Assert.Contains("get-gateway --region us-east-1 --gateway-identifier open --output json > gateway.json", auth.Remediation!.Cli);
        Assert.Contains(".authorizerType = \"AWS_IAM\"' gateway.json > new-gateway.json", auth.Remediation.Cli);
        var policy = account.Run("aws-agc-006").Findings;
        Assert.Equal(["Gateway open has no policy engine.", "Gateway logging has its policy engine in LOG_ONLY mode, which blocks nothing."],
            policy.Select(f => f.Description).ToArray());
        Assert.Contains("jq --arg engine <POLICY_ENGINE_ARN> '", policy[0].Remediation!.Cli);
        Assert.Contains($"jq --arg engine {Arn}:policy-engine/pe '", policy[1].Remediation!.Cli);
    }

    [Fact]
    public void Well_configured_resources_pass()
    {
        Assert.Equal(CheckStatus.Pass, Interpreters(("sandboxed", "SANDBOX")).Run("aws-agc-001").Status);
        Assert.Equal(CheckStatus.Pass, Runtimes(("locked", "VPC", true)).Run("aws-agc-003").Status);
        Assert.Equal(CheckStatus.Pass, Memories(("keyed", "k")).Run("aws-agc-004").Status);
        Assert.Equal(CheckStatus.Pass, Gateways(("good", "CUSTOM_JWT", "ENFORCE")).Run("aws-agc-006").Status);
    }

    [Fact]
    public void Unreadable_details_are_not_assessed_and_an_absent_service_is_not_applicable()
    {
        var denied = new TestAccount("us-east-1").Answer(AgentCoreCalls.ListGateways, "us-east-1", """{"items": [{"gatewayId": "g"}]}""")
            .DeniedTarget(AgentCoreCalls.GetGateway, "us-east-1", "gatewayIdentifier", "g");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-agc-005").Status);
        var absent = new TestAccount("us-east-1").NotOffered(AgentCoreCalls.ListMemories, "us-east-1");
        var result = absent.Run("aws-agc-004");
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Equal("no AgentCore memories in the scanned regions (not offered in us-east-1)", result.Reason);
    }
}
