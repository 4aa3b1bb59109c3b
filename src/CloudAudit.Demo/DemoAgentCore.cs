using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production's support agent runs in a VPC with MMDSv2, an encrypted memory and a JWT gateway
/// under an enforcing policy engine; the research agent prototype kept the public defaults, its
/// web-fetching code interpreter is public and an internal tools gateway only logs its policies.
/// Development exposes an MCP gateway with no authorizer at all. Everything is in us-east-1. The
/// security account has no AgentCore resources.
/// </summary>
internal sealed class DemoAgentCore : IDemoPart
{
    private const string Home = "us-east-1";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Record(a, clock,
            interpreters: [("northwind_analyst_sandbox-Q2mX7pLk1z", "northwind_analyst_sandbox", "SANDBOX"), ("northwind_web_fetcher-T8vR3nWq5e", "northwind_web_fetcher", "PUBLIC")],
            runtimes:
            [
                ("support_agent-Kd82HsQm1P", "support_agent", """{"networkMode": "VPC", "networkModeConfig": {"securityGroups": ["sg-0b1c2d3e4f5a6b7c8"], "subnets": ["subnet-0c1d2e3f4a5b6c7d8", "subnet-0d2e3f4a5b6c7d8e9"]}}""", true),
                ("research_agent-Zp4Lw9Xy2C", "research_agent", """{"networkMode": "PUBLIC"}""", false),
            ],
            memories: [("support_agent_memory-Vb7Nm2Qa9R", "support_agent_memory", $"arn:aws:kms:{Home}:{id}:key/4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e7f"), ("research_memory-Hj3Kl8Zx4M", "research_memory", null)],
            gateways:
            [
                ("northwind-tools-gw-k2j4h6g8f0", "northwind-tools-gw", "CUSTOM_JWT", "ENFORCE"),
                ("internal-tools-gw-p9o8i7u6y5", "internal-tools-gw", "AWS_IAM", "LOG_ONLY"),
            ]);
    }

    public void Development(DemoRecorder a, DemoClock clock) =>
        Record(a, clock, interpreters: [], runtimes: [], memories: [], gateways: [("dev-mcp-gateway-a1s2d3f4g5", "dev-mcp-gateway", "NONE", null)]);

    /// <summary>The security account runs no agents.</summary>
    public void Security(DemoRecorder a, DemoClock clock) =>
        Record(a, clock, interpreters: [], runtimes: [], memories: [], gateways: []);

    private static void Record(DemoRecorder a, DemoClock clock,
        (string Id, string Name, string Mode)[] interpreters,
        (string Id, string Name, string Network, bool MmdsV2)[] runtimes,
        (string Id, string Name, string? Key)[] memories,
        (string Id, string Name, string Authorizer, string? PolicyMode)[] gateways)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            var here = region == Home;
            a.Regional(AgentCoreCalls.ListCodeInterpreters, region, $$"""
                {"codeInterpreterSummaries": [{{(here ? string.Join(",", interpreters.Select(c => $$"""
                    {"codeInterpreterId": "{{c.Id}}", "codeInterpreterArn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:code-interpreter-custom/{{c.Id}}",
                     "name": "{{c.Name}}", "status": "READY", "createdAt": "{{clock.DaysAgo(60)}}", "lastUpdatedAt": "{{clock.DaysAgo(60)}}"}
                    """)) : "")}}]}
                """);
            a.Regional(AgentCoreCalls.ListAgentRuntimes, region, $$"""
                {"agentRuntimes": [{{(here ? string.Join(",", runtimes.Select(r => $$"""
                    {"agentRuntimeArn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:runtime/{{r.Id}}", "agentRuntimeId": "{{r.Id}}",
                     "agentRuntimeVersion": "3", "agentRuntimeName": "{{r.Name}}", "description": "{{r.Name.Replace('_', ' ')}}",
                     "lastUpdatedAt": "{{clock.DaysAgo(9)}}", "status": "READY"}
                    """)) : "")}}]}
                """);
            a.Regional(AgentCoreCalls.ListMemories, region, $$"""
                {"memories": [{{(here ? string.Join(",", memories.Select(m => $$"""
                    {"arn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:memory/{{m.Id}}", "id": "{{m.Id}}", "status": "ACTIVE",
                     "createdAt": "{{clock.DaysAgo(75)}}", "updatedAt": "{{clock.DaysAgo(75)}}"}
                    """)) : "")}}]}
                """);
            a.Regional(AgentCoreCalls.ListGateways, region, $$"""
                {"items": [{{(here ? string.Join(",", gateways.Select(g => $$"""
                    {"gatewayId": "{{g.Id}}", "name": "{{g.Name}}", "status": "READY", "createdAt": "{{clock.DaysAgo(50)}}",
                     "updatedAt": "{{clock.DaysAgo(12)}}", "authorizerType": "{{g.Authorizer}}", "protocolType": "MCP"}
                    """)) : "")}}]}
                """);
            if (!here) continue;

            foreach (var c in interpreters)
                a.Target(AgentCoreCalls.GetCodeInterpreter, region, Params(("codeInterpreterId", c.Id)), $$"""
                    {"codeInterpreterId": "{{c.Id}}", "codeInterpreterArn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:code-interpreter-custom/{{c.Id}}",
                     "name": "{{c.Name}}", "executionRoleArn": "arn:aws:iam::{{id}}:role/AgentCoreCodeInterpreter",
                     "networkConfiguration": {"networkMode": "{{c.Mode}}"}, "status": "READY",
                     "createdAt": "{{clock.DaysAgo(60)}}", "lastUpdatedAt": "{{clock.DaysAgo(60)}}"}
                    """);
            foreach (var r in runtimes)
            {
                var metadata = r.MmdsV2 ? """, "metadataConfiguration": {"requireMMDSV2": true}""" : "";
                a.Target(AgentCoreCalls.GetAgentRuntime, region, Params(("agentRuntimeId", r.Id)), $$"""
                    {"agentRuntimeArn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:runtime/{{r.Id}}", "agentRuntimeName": "{{r.Name}}",
                     "agentRuntimeId": "{{r.Id}}", "agentRuntimeVersion": "3", "createdAt": "{{clock.DaysAgo(80)}}", "lastUpdatedAt": "{{clock.DaysAgo(9)}}",
                     "roleArn": "arn:aws:iam::{{id}}:role/AgentCoreRuntime-{{r.Name}}", "networkConfiguration": {{r.Network}}, "status": "READY",
                     "lifecycleConfiguration": {"idleRuntimeSessionTimeout": 900, "maxLifetime": 28800},
                     "agentRuntimeArtifact": {"containerConfiguration": {"containerUri": "{{id}}.dkr.ecr.{{region}}.amazonaws.com/{{r.Name.Replace('_', '-')}}:v3"} },
                     "protocolConfiguration": {"serverProtocol": "HTTP"}{{metadata}}}
                    """);
                NoResourcePolicy(a, region, $"arn:aws:bedrock-agentcore:{region}:{id}:runtime/{r.Id}");
            }
            foreach (var m in memories)
            {
                var key = m.Key is null ? "" : $", \"encryptionKeyArn\": \"{m.Key}\"";
                a.Target(AgentCoreCalls.GetMemory, region, Params(("memoryId", m.Id)), $$"""
                    {"memory": {"arn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:memory/{{m.Id}}", "id": "{{m.Id}}", "name": "{{m.Name}}",
                     "eventExpiryDuration": 90, "status": "ACTIVE", "createdAt": "{{clock.DaysAgo(75)}}", "updatedAt": "{{clock.DaysAgo(75)}}",
                     "strategies": []{{key}} } }
                    """);
            }
            foreach (var g in gateways)
            {
                var engine = g.PolicyMode is null ? "" : $$"""
                    , "policyEngineConfiguration": {"arn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:policy-engine/{{g.Name}}-policies-x1y2z3", "mode": "{{g.PolicyMode}}"}
                    """;
                var authorizer = g.Authorizer != "CUSTOM_JWT" ? "" : """
                    , "authorizerConfiguration": {"customJWTAuthorizer": {"discoveryUrl": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_NwDemo123/.well-known/openid-configuration", "allowedClients": ["4f2k9d8s7a6h5j3l2q1w0e9r8t"]}}
                    """;
                a.Target(AgentCoreCalls.GetGateway, region, Params(("gatewayIdentifier", g.Id)), $$"""
                    {"gatewayArn": "arn:aws:bedrock-agentcore:{{region}}:{{id}}:gateway/{{g.Id}}", "gatewayId": "{{g.Id}}",
                     "gatewayUrl": "https://{{g.Id}}.gateway.bedrock-agentcore.{{region}}.amazonaws.com/mcp", "createdAt": "{{clock.DaysAgo(50)}}",
                     "updatedAt": "{{clock.DaysAgo(12)}}", "status": "READY", "name": "{{g.Name}}", "roleArn": "arn:aws:iam::{{id}}:role/AgentCoreGateway-{{g.Name}}",
                     "protocolType": "MCP", "authorizerType": "{{g.Authorizer}}"{{authorizer}}{{engine}}}
                    """);
                NoResourcePolicy(a, region, $"arn:aws:bedrock-agentcore:{region}:{id}:gateway/{g.Id}");
            }
        }
    }

    /// <summary>AgentCore answers GetResourcePolicy of a runtime or gateway without one with ResourceNotFoundException.</summary>
    private static void NoResourcePolicy(DemoRecorder a, string region, string arn) =>
        a.Failure(AgentCoreCalls.GetRuntimeResourcePolicy, region, Params(("resourceArn", arn)), ErrorKind.NotFound, "ResourceNotFoundException",
            $"No resource policy found for {arn}", 404);
}
