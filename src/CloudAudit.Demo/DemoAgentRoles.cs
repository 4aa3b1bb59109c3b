using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Demo;

/// <summary>
/// The roles the demo's AI agents run as (DemoBedrockAgents, DemoAgentCore), in the IAM data so agent-blast can say
/// what each reaches. Each trusts its service for this account only (aws:SourceAccount), as the consoles create them.
/// Production's are scoped: the support agent invokes its model and retrieves from its knowledge base; the research
/// runtime reads the curated data lake; the internal gateway reads its OAuth credential. Development's MCP gateway may
/// invoke the playground function; its ops agent only its model (its tool, the sandbox API, is the administrator).
/// The playground function, public while testing, may prompt that ops agent: the internet's way in to it (CA-12).
/// </summary>
internal static class DemoAgentRoles
{
    private const string Home = "us-east-1";

    public static IamAuthorizationBuilder Production(IamAuthorizationBuilder iam)
    {
        var id = iam.AccountId;
        return iam
            .Role("AmazonBedrockExecutionRoleForAgents_support-agent", ServiceTrust("bedrock.amazonaws.com", id), path: "/service-role/", inline: [("agent", Policy(
                $$"""{"Sid":"InvokeModel","Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"arn:aws:bedrock:{{Home}}::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0"}""",
                $$"""{"Sid":"Retrieve","Effect":"Allow","Action":"bedrock:Retrieve","Resource":"arn:aws:bedrock:{{Home}}:{{id}}:knowledge-base/KBSUPPORT1"}""",
                $$"""{"Sid":"Guardrail","Effect":"Allow","Action":"bedrock:ApplyGuardrail","Resource":"arn:aws:bedrock:{{Home}}:{{id}}:guardrail/q7w2e9r4t1y6"}"""))])
            .Role("AgentCoreRuntime-support_agent", ServiceTrust("bedrock-agentcore.amazonaws.com", id), inline: [("runtime", Policy(
                RuntimeBasics(id),
                $$"""{"Sid":"Memory","Effect":"Allow","Action":["bedrock-agentcore:CreateEvent","bedrock-agentcore:ListEvents","bedrock-agentcore:RetrieveMemoryRecords"],"Resource":"arn:aws:bedrock-agentcore:{{Home}}:{{id}}:memory/support_agent_memory-Vb7Nm2Qa9R"}"""))])
            .Role("AgentCoreRuntime-research_agent", ServiceTrust("bedrock-agentcore.amazonaws.com", id), inline: [("runtime", Policy(
                RuntimeBasics(id),
                $$"""{"Sid":"ReadCuratedData","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::northwind-datalake-curated-{{id}}","arn:aws:s3:::northwind-datalake-curated-{{id}}/*"]}"""))])
            .Role("AgentCoreCodeInterpreter", ServiceTrust("bedrock-agentcore.amazonaws.com", id), inline: [("interpreter", Policy(
                $$"""{"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:{{Home}}:{{id}}:log-group:/aws/bedrock-agentcore/*"}"""))])
            .Role("AgentCoreGateway-northwind-tools-gw", ServiceTrust("bedrock-agentcore.amazonaws.com", id), inline: [("gateway", Policy(GatewayLogs(id)))])
            .Role("AgentCoreGateway-internal-tools-gw", ServiceTrust("bedrock-agentcore.amazonaws.com", id), inline: [("gateway", Policy(
                GatewayLogs(id),
                $$"""{"Sid":"OAuthCredential","Effect":"Allow","Action":["bedrock-agentcore:GetResourceOauth2Token","bedrock-agentcore:GetWorkloadAccessToken"],"Resource":"*"}""",
                $$"""{"Sid":"OAuthSecret","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:{{Home}}:{{id}}:secret:bedrock-agentcore-identity!default/oauth2/search-*"}"""))]);
    }

    public static IamAuthorizationBuilder Development(IamAuthorizationBuilder iam)
    {
        var id = iam.AccountId;
        return iam
            .Role("AmazonBedrockExecutionRoleForAgents_dev-ops-agent", ServiceTrust("bedrock.amazonaws.com", id), path: "/service-role/", inline: [("agent", Policy(
                $$"""{"Sid":"InvokeModel","Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"arn:aws:bedrock:{{Home}}::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"}"""))])
            .Role("AgentCoreGateway-dev-mcp-gateway", ServiceTrust("bedrock-agentcore.amazonaws.com", id), inline: [("gateway", Policy(
                GatewayLogs(id),
                $$"""{"Sid":"InvokeTargets","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:{{Home}}:{{id}}:function:dev-playground"}"""))]);
    }

    /// <summary>What a function's own role may do beyond writing logs: the playground prompts the ops agent through any alias.</summary>
    public static (string Name, string Document)[]? FunctionRoleExtras(string account, string role) => role switch
    {
        "dev-playground-role" when account == DemoAccount.DevelopmentAccount => [("try-agents", Policy(
            $$"""{"Sid":"PromptOpsAgent","Effect":"Allow","Action":"bedrock:InvokeAgent","Resource":"arn:aws:bedrock:{{Home}}:{{account}}:agent-alias/DV3AG9NT01/*"}"""))],
        _ => null,
    };

    private static string RuntimeBasics(string id) =>
        $$"""{"Sid":"InvokeModels","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":"arn:aws:bedrock:*::foundation-model/*"},"""
        + $$"""{"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:{{Home}}:{{id}}:log-group:/aws/bedrock-agentcore/runtimes/*"}""";

    private static string GatewayLogs(string id) =>
        $$"""{"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:{{Home}}:{{id}}:log-group:/aws/bedrock-agentcore/gateways/*"}""";

    private static string Policy(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string ServiceTrust(string service, string account) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{service}}"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"{{account}}"} } }]}""";
}
