using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.AgentCore;

/// <summary>A check of one kind of AgentCore resource, listed and then read in full in every scanned region.</summary>
public abstract class AgentCoreCheck<T>(ApiCall list, ApiCall get, Func<AgentCoreView, RegionalList<T>> resources, string what,
    Func<T, string> arn) : ResourceCheck<T> where T : class
{
    protected override string ResourceId(Located<T> resource, CheckContext context) => arn(resource.Resource);
    public override IReadOnlyList<ApiCall> Reads { get; } = [list, get];
    protected override RegionalList<T> List(CheckContext context) => resources(context.Data.AgentCore());
    protected override string NoResources => $"no {what} in the scanned regions";
}

/// <summary>Checks of custom code interpreters (SYSTEM ones are AWS-managed and not listed).</summary>
public abstract class CodeInterpreterCheck() : AgentCoreCheck<CodeInterpreter>(
    AgentCoreCalls.ListCodeInterpreters, AgentCoreCalls.GetCodeInterpreter, v => v.CodeInterpreters(), "custom AgentCore code interpreters",
    c => c.CodeInterpreterArn);

/// <summary>Checks of AgentCore memories.</summary>
public abstract class MemoryCheck() : AgentCoreCheck<AgentCoreMemory>(
    AgentCoreCalls.ListMemories, AgentCoreCalls.GetMemory, v => v.Memories(), "AgentCore memories", m => m.Arn);

/// <summary>Checks of AgentCore agent runtimes.</summary>
public abstract class AgentRuntimeCheck() : AgentCoreCheck<AgentRuntime>(
    AgentCoreCalls.ListAgentRuntimes, AgentCoreCalls.GetAgentRuntime, v => v.Runtimes(), "AgentCore agent runtimes", r => r.AgentRuntimeArn)
{
    internal static SlotValues Slots(AgentRuntime runtime) => new SlotValues()
        .With("runtime_id", runtime.AgentRuntimeId)
        .With("runtime", runtime.AgentRuntimeName)
        .With("role_arn", runtime.RoleArn ?? "");

    /// <summary>
    /// update-agent-runtime replaces the runtime's whole configuration, so the fix starts from the current
    /// one (without what only GetAgentRuntime returns) and changes it with <paramref name="edit"/>.
    /// </summary>
    internal static string ReviseCli(string jqOptions, string edit) =>
        "# update-agent-runtime replaces the whole configuration: the new one is the current one, changed.\n"
        + CliFix.ReadEditWrite(
            "aws bedrock-agentcore-control get-agent-runtime --region {region} --agent-runtime-id {runtime_id}",
            "agent-runtime",
            $"{jqOptions}'del(.agentRuntimeArn, .agentRuntimeName, .agentRuntimeVersion, .createdAt, .lastUpdatedAt, .status, "
            + $".failureReason, .workloadIdentityDetails) | {edit}'",
            "aws bedrock-agentcore-control update-agent-runtime --region {region}");

    /// <summary>The runtime in Terraform, in VPC mode.</summary>
    internal const string RuntimeInVpc = """
        resource "aws_bedrockagentcore_agent_runtime" "{runtime:id}" {
          region             = {region}
          agent_runtime_name = {runtime}
          role_arn           = {role_arn}

          agent_runtime_artifact {
            container_configuration {
              container_uri = "<CONTAINER_URI>"
            }
          }

          network_configuration {
            network_mode = "VPC"
            network_mode_config {
              subnets         = ["<SUBNET_ID>"]
              security_groups = ["<SECURITY_GROUP_ID>"]
            }
          }
        }
        """;
}

/// <summary>Checks of AgentCore gateways.</summary>
public abstract class GatewayCheck() : AgentCoreCheck<AgentCoreGateway>(
    AgentCoreCalls.ListGateways, AgentCoreCalls.GetGateway, v => v.Gateways(), "AgentCore gateways", g => g.GatewayArn)
{
    protected static SlotValues Slots(AgentCoreGateway gateway) => new SlotValues()
        .With("gateway_id", gateway.GatewayId)
        .With("gateway", gateway.Name)
        .With("role_arn", gateway.RoleArn ?? "")
        .With("authorizer", gateway.AuthorizerType is { } type && type != "NONE" ? type : "AWS_IAM")
        .With("policy_engine", gateway.PolicyEngineConfiguration?.Arn is { } arn ? arn : new SlotValue.Placeholder("POLICY_ENGINE_ARN"));

    /// <summary>
    /// update-gateway replaces the gateway's whole configuration, so the fix starts from the current one
    /// (without what only GetGateway returns) and changes it with <paramref name="edit"/>.
    /// </summary>
    protected static string ReviseCli(string jqOptions, string edit) =>
        "# update-gateway replaces the whole configuration: the new one is the current one, changed.\n"
        + CliFix.ReadEditWrite(
            "aws bedrock-agentcore-control get-gateway --region {region} --gateway-identifier {gateway_id}",
            "gateway",
            $"{jqOptions}'del(.gatewayArn, .gatewayUrl, .createdAt, .updatedAt, .status, .statusReasons, .webAclArn, "
            + $".workloadIdentityDetails) | .gatewayIdentifier = .gatewayId | del(.gatewayId) | {edit}'",
            "aws bedrock-agentcore-control update-gateway --region {region}");
}
