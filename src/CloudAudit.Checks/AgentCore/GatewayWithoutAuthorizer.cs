using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.AgentCore;

/// <summary>An AgentCore gateway that lets anyone call its tools.</summary>
public sealed class GatewayWithoutAuthorizer : GatewayCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-agc-005",
        Title = "AgentCore gateway without an authorizer",
        Service = "AgentCore",
        Severity = Severity.High,
        ResourceType = "AWS::BedrockAgentCore::Gateway",
        Description = "Reads every gateway in the scanned regions (ListGateways, then GetGateway) and fails each one whose "
            + "authorizerType is NONE: any client that knows the gateway URL can list and call its tools.",
        Rationale = "A gateway exposes tools (Lambda functions, APIs, SaaS connectors holding stored credentials) to agents over "
            + "MCP. Without an authorizer, anyone on the internet can invoke those tools with the gateway's own permissions, "
            + "and nothing ties the calls to an identity.",
        CommonCauses =
        [
            "Authentication was left out while the gateway was prototyped.",
            "The team assumed the gateway URL is secret.",
        ],
        Recommendation = "Require AWS_IAM or a CUSTOM_JWT authorizer on the gateway.",
        Remediation = new(
            Cli: ReviseCli("", ".authorizerType = \"AWS_IAM\""),
            Terraform: """
                resource "aws_bedrockagentcore_gateway" "{gateway:id}" {
                  region          = {region}
                  name            = {gateway}
                  role_arn        = {role_arn}
                  protocol_type   = "MCP"
                  authorizer_type = "AWS_IAM"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-inbound-auth.html",
            Effort: Effort.Medium),
    };

    protected override void Judge(Located<AgentCoreGateway> gateway, CheckContext context, Verdict verdict)
    {
        var g = gateway.Resource;
        if (g.AuthorizerType != "NONE") return;
        verdict.Fail(g.GatewayArn, gateway.Region,
            $"Gateway {g.Name} accepts tool calls from anyone: it has no authorizer (authorizerType NONE).", Slots(g));
    }
}
