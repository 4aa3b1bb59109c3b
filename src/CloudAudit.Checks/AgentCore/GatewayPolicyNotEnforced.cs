using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.AgentCore;

/// <summary>An AgentCore gateway whose tool calls are not governed by an enforcing policy engine.</summary>
public sealed class GatewayPolicyNotEnforced : GatewayCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-agc-006",
        Title = "AgentCore gateway policy engine not enforcing",
        Service = "AgentCore",
        Severity = Severity.Medium,
        ResourceType = "AWS::BedrockAgentCore::Gateway",
        Description = "Reads every gateway in the scanned regions and fails each one without a policy engine, or whose "
            + "policyEngineConfiguration.mode is LOG_ONLY: its Cedar policies are evaluated and logged but do not block calls.",
        Rationale = "A policy engine decides which agent may call which tool with which arguments. Without one, or in LOG_ONLY "
            + "mode, an agent that was manipulated or misconfigured can call every tool the gateway exposes; LOG_ONLY in "
            + "particular reads like protection while denying nothing.",
        CommonCauses =
        [
            "The policy engine was attached in LOG_ONLY mode to observe policies and never switched to ENFORCE.",
            "Gateways were created before policy engines were available.",
        ],
        Recommendation = "Attach a policy engine with Cedar policies for the gateway's tools and set its mode to ENFORCE once the logs show no unexpected denials.",
        Remediation = new(
            Cli: ReviseCli("--arg engine {policy_engine} ", ".policyEngineConfiguration = {arn: $engine, mode: \"ENFORCE\"}"),
            Terraform: """
                # The AWS provider's aws_bedrockagentcore_gateway may not expose the policy engine attachment in your
                # provider version: attach it with the CLI command, and keep the rest of the gateway in Terraform.
                resource "aws_bedrockagentcore_gateway" "{gateway:id}" {
                  region          = {region}
                  name            = {gateway}
                  role_arn        = {role_arn}
                  protocol_type   = "MCP"
                  authorizer_type = {authorizer}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/policy.html",
            Effort: Effort.Medium),
    };

    protected override void Judge(Located<AgentCoreGateway> gateway, CheckContext context, Verdict verdict)
    {
        var g = gateway.Resource;
        var engine = g.PolicyEngineConfiguration;
        if (engine?.Mode == "ENFORCE") return;
        var problem = engine is null ? "has no policy engine" : $"has its policy engine in {engine.Mode ?? "an unknown"} mode, which blocks nothing";
        verdict.Fail(g.GatewayArn, gateway.Region, $"Gateway {g.Name} {problem}.", Slots(g));
    }
}
