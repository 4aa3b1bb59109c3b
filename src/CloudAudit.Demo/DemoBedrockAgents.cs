using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// The Bedrock agents in full and the AgentCore gateways' targets, as the security graph reads them. Production's
/// support agent has a guardrail, calls the orders processor as its one tool and retrieves from the curated data lake;
/// development's ops agent, a prototype, calls the sandbox API, whose role is an administrator. Production's internal
/// gateway fronts a search MCP server with an OAuth credential; development's open MCP gateway calls the playground
/// function. The agents' own resource roles are in the IAM data (DemoAgentRoles).
/// </summary>
internal sealed class DemoBedrockAgents : IDemoPart
{
    private const string Home = "us-east-1";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Agent(a, clock, "HX7PQ2LMNB", "support-agent", "PREPARED", "anthropic.claude-sonnet-4-20250514-v1:0", guardrail: "q7w2e9r4t1y6",
            actionGroups: [("AG0RDERS01", "order-lookup", $"arn:aws:lambda:{Home}:{id}:function:orders-processor")],
            knowledgeBase: ("KBSUPPORT1", "support-kb", $"arn:aws:s3:::northwind-datalake-curated-{id}"));
        GatewayTargets(a, "northwind-tools-gw-k2j4h6g8f0", []);
        GatewayTargets(a, "internal-tools-gw-p9o8i7u6y5", [("TGSEARCH01", "docs-search", """{"mcp": {"mcpServer": {"endpoint": "https://search.northwind-analytics.example/mcp"}}}""", "OAUTH")]);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Agent(a, clock, "DV3AG9NT01", "dev-ops-agent", "NOT_PREPARED", "anthropic.claude-3-5-haiku-20241022-v1:0", guardrail: null,
            actionGroups: [("AGSANDBOX1", "sandbox-ops", $"arn:aws:lambda:{Home}:{id}:function:sandbox-api:$LATEST")], knowledgeBase: null);
        GatewayTargets(a, "dev-mcp-gateway-a1s2d3f4g5",
            [("TGPLAYGRD1", "playground", $$"""{"mcp": {"lambda": {"lambdaArn": "arn:aws:lambda:{{Home}}:{{id}}:function:dev-playground"} } }""", "GATEWAY_IAM_ROLE")]);
    }

    private static void Agent(DemoRecorder a, DemoClock clock, string agentId, string name, string status, string model, string? guardrail,
        (string Id, string Name, string Lambda)[] actionGroups, (string Id, string Name, string Bucket)? knowledgeBase)
    {
        var id = a.AccountId;
        var guard = guardrail is null ? "" : $$""", "guardrailConfiguration": {"guardrailIdentifier": "{{guardrail}}", "guardrailVersion": "DRAFT"}""";
        a.Target(BedrockAgentCalls.GetAgent, Home, Params(("agentId", agentId)), $$"""
            {"agent": {"agentId": "{{agentId}}", "agentName": "{{name}}", "agentArn": "arn:aws:bedrock:{{Home}}:{{id}}:agent/{{agentId}}",
              "agentVersion": "DRAFT", "agentStatus": "{{status}}", "foundationModel": "{{model}}", "idleSessionTTLInSeconds": 600,
              "agentResourceRoleArn": "arn:aws:iam::{{id}}:role/service-role/AmazonBedrockExecutionRoleForAgents_{{name}}",
              "createdAt": "{{clock.DaysAgo(120)}}", "updatedAt": "{{clock.DaysAgo(20)}}"{{guard}} } }
            """);
        var draft = Params(("agentId", agentId), ("agentVersion", "DRAFT"));
        a.Target(BedrockAgentCalls.ListAgentActionGroups, Home, draft, $$"""
            {"actionGroupSummaries": [{{string.Join(",", actionGroups.Select(g => $$"""
                {"actionGroupId": "{{g.Id}}", "actionGroupName": "{{g.Name}}", "actionGroupState": "ENABLED", "updatedAt": "{{clock.DaysAgo(20)}}"}
                """))}}]}
            """);
        foreach (var g in actionGroups)
            a.Target(BedrockAgentCalls.GetAgentActionGroup, Home, Params(("agentId", agentId), ("agentVersion", "DRAFT"), ("actionGroupId", g.Id)), $$"""
                {"agentActionGroup": {"agentId": "{{agentId}}", "agentVersion": "DRAFT", "actionGroupId": "{{g.Id}}", "actionGroupName": "{{g.Name}}",
                  "actionGroupState": "ENABLED", "actionGroupExecutor": {"lambda": "{{g.Lambda}}"}, "createdAt": "{{clock.DaysAgo(90)}}", "updatedAt": "{{clock.DaysAgo(20)}}"} }
                """);
        a.Target(BedrockAgentCalls.ListAgentKnowledgeBases, Home, draft, knowledgeBase is not { } kb ? """{"agentKnowledgeBaseSummaries": []}""" : $$"""
            {"agentKnowledgeBaseSummaries": [{"knowledgeBaseId": "{{kb.Id}}", "knowledgeBaseState": "ENABLED", "updatedAt": "{{clock.DaysAgo(30)}}"}]}
            """);
        if (knowledgeBase is not { } k) return;
        a.Target(BedrockAgentCalls.GetKnowledgeBase, Home, Params(("knowledgeBaseId", k.Id)), $$"""
            {"knowledgeBase": {"knowledgeBaseId": "{{k.Id}}", "name": "{{k.Name}}", "knowledgeBaseArn": "arn:aws:bedrock:{{Home}}:{{id}}:knowledge-base/{{k.Id}}",
              "roleArn": "arn:aws:iam::{{id}}:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_{{k.Name}}", "status": "ACTIVE",
              "createdAt": "{{clock.DaysAgo(100)}}", "updatedAt": "{{clock.DaysAgo(30)}}"} }
            """);
        a.Target(BedrockAgentCalls.ListDataSources, Home, Params(("knowledgeBaseId", k.Id)), $$"""
            {"dataSourceSummaries": [{"knowledgeBaseId": "{{k.Id}}", "dataSourceId": "DS{{k.Id[2..]}}", "name": "{{k.Name}}-s3", "status": "AVAILABLE", "updatedAt": "{{clock.DaysAgo(30)}}"}]}
            """);
        a.Target(BedrockAgentCalls.GetDataSource, Home, Params(("knowledgeBaseId", k.Id), ("dataSourceId", $"DS{k.Id[2..]}")), $$"""
            {"dataSource": {"knowledgeBaseId": "{{k.Id}}", "dataSourceId": "DS{{k.Id[2..]}}", "name": "{{k.Name}}-s3", "status": "AVAILABLE",
              "dataSourceConfiguration": {"type": "S3", "s3Configuration": {"bucketArn": "{{k.Bucket}}", "inclusionPrefixes": ["support/"]} },
              "createdAt": "{{clock.DaysAgo(100)}}", "updatedAt": "{{clock.DaysAgo(30)}}"} }
            """);
    }

    private static void GatewayTargets(DemoRecorder a, string gateway, (string Id, string Name, string Configuration, string Credential)[] targets)
    {
        a.Target(AgentCoreCalls.ListGatewayTargets, Home, Params(("gatewayIdentifier", gateway)), $$"""
            {"items": [{{string.Join(",", targets.Select(t => $$"""{"targetId": "{{t.Id}}", "name": "{{t.Name}}", "status": "READY"}"""))}}]}
            """);
        foreach (var t in targets)
            a.Target(AgentCoreCalls.GetGatewayTarget, Home, Params(("gatewayIdentifier", gateway), ("targetId", t.Id)), $$"""
                {"gatewayArn": "arn:aws:bedrock-agentcore:{{Home}}:{{a.AccountId}}:gateway/{{gateway}}", "targetId": "{{t.Id}}", "name": "{{t.Name}}",
                 "status": "READY", "targetConfiguration": {{t.Configuration}}, "credentialProviderConfigurations": [{"credentialProviderType": "{{t.Credential}}"}]}
                """);
    }
}
