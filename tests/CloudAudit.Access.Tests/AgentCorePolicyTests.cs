using System.Text.Json.Nodes;
using CloudAudit.Access.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using static CloudAudit.Demo.DemoRecorder;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>AgentCore runtimes' resource policies (GetResourcePolicy) take part in can-do like a bucket's: read, none, or unknown.</summary>
public class AgentCorePolicyTests
{
    private const string Region = "us-east-1";
    private static readonly string Runtime = $"arn:aws:bedrock-agentcore:{Region}:{Id}:runtime/triage-1";

    private static AccessAccount Account(Action<AccessAccount> policy)
    {
        var account = new AccessAccount();
        account.Iam.Role("caller", Trust.Account(Id));
        account.Record.Regional(AgentCoreCalls.ListAgentRuntimes, Region, """{"agentRuntimes": [{"agentRuntimeId": "triage-1"}]}""");
        account.Record.Target(AgentCoreCalls.GetAgentRuntime, Region, Params(("agentRuntimeId", "triage-1")), $$"""
            {"agentRuntimeId": "triage-1", "agentRuntimeArn": "{{Runtime}}", "agentRuntimeName": "triage"}
            """);
        policy(account);
        return account;
    }

    private static void Policy(AccessAccount account, string principal) =>
        account.Record.Target(AgentCoreCalls.GetRuntimeResourcePolicy, Region, Params(("resourceArn", Runtime)), new JsonObject
        {
            ["policy"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"bedrock-agentcore:InvokeAgentRuntime","Resource":"{{Runtime}}"}]}""",
        }.ToJsonString());

    [Fact]
    public void A_role_the_runtime_policy_names_may_invoke_it_without_an_identity_grant()
    {
        var model = Account(a => Policy(a, RoleArn("caller"))).Model();

        Assert.True(model.CanDo(model.Find(RoleArn("caller"))!, "bedrock-agentcore:InvokeAgentRuntime", Runtime).IsAllowed);
    }

    [Fact]
    public void Without_a_policy_and_an_identity_grant_the_call_is_denied()
    {
        var model = Account(a => a.Record.Failure(AgentCoreCalls.GetRuntimeResourcePolicy, Region, Params(("resourceArn", Runtime)), ErrorKind.NotFound,
            "ResourceNotFoundException", "no policy", 404)).Model();

        var decision = model.CanDo(model.Find(RoleArn("caller"))!, "bedrock-agentcore:InvokeAgentRuntime", Runtime);
        Assert.False(decision.IsAllowed);
        Assert.Null(decision.NotAssessed);
    }

    [Fact]
    public void An_unread_runtime_policy_leaves_the_call_not_assessed_but_not_a_memory_which_takes_no_policy()
    {
        var model = Account(a => a.Record.Failure(AgentCoreCalls.GetRuntimeResourcePolicy, Region, Params(("resourceArn", Runtime)), ErrorKind.AccessDenied,
            "AccessDeniedException", "not authorized to perform bedrock-agentcore:GetResourcePolicy", 403)).Model();

        var caller = model.Find(RoleArn("caller"))!;
        Assert.Contains("not authorized", model.CanDo(caller, "bedrock-agentcore:InvokeAgentRuntime", Runtime).NotAssessed, StringComparison.Ordinal);
        Assert.Null(model.CanDo(caller, "bedrock-agentcore:GetMemory", $"arn:aws:bedrock-agentcore:{Region}:{Id}:memory/m-1").NotAssessed);
    }
}
