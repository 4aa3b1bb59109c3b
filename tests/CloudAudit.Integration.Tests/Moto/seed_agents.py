"""Seeds moto with two accounts for the AI-agent chain CA-12 (usage: seed_agents.py ENDPOINT).

agents: the Bedrock agent helpdesk runs as helpdesk-agent (it may only invoke models); its action group calls the
  Lambda function refunds, which runs as refund-tool, an administrator by an inline policy. The AgentCore gateway
  public-tools has no authorizer (authorizerType NONE) and runs as gateway-tools (it may only invoke refunds); its
  target calls refunds with the gateway's role. The AgentCore runtime support_rt runs as runtime-ops, an administrator.
agents-decoy: the same agent, gateway, runtime and function, but refund-tool may only read one DynamoDB table and
  runtime-ops may only invoke models; the administrator ops-admin runs the function payroll, which no agent calls.
moto holds the agents, gateways, targets and runtimes; it has no action groups, agent knowledge bases or code
interpreters, which the test answers through its proxy in the API's own format (Recorded/bedrock-agent, Recorded/agentcore).
Prints {"accounts": {scenario: account}, "ids": {scenario: {name: id}}}.
"""
import json

from seeding import ADMIN, allow, clients, lambda_function as function, service_role as role, session

ACCOUNTS = {"agents": "300000000071", "agents-decoy": "300000000072"}


def seed(account, linked):
    c = clients(session(account))
    iam = c("iam")
    ids = {}
    tool_policy = ADMIN if linked else json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": f"arn:aws:dynamodb:us-east-1:{account}:table/refunds"}]})
    refund_tool = role(iam, "refund-tool", "lambda.amazonaws.com", tool_policy)
    ids["refunds"] = function(c, "refunds", refund_tool)
    if not linked:
        ids["payroll"] = function(c, "payroll", role(iam, "ops-admin", "lambda.amazonaws.com", ADMIN))

    agent_role = role(iam, "helpdesk-agent", "bedrock.amazonaws.com", allow("bedrock:InvokeModel"))
    agent = c("bedrock-agent").create_agent(agentName="helpdesk", agentResourceRoleArn=agent_role,
                                           foundationModel="anthropic.claude-3-haiku-20240307-v1:0")["agent"]
    ids["agent_id"], ids["agent"] = agent["agentId"], agent["agentArn"]

    agentcore = c("bedrock-agentcore-control")
    gateway_role = role(iam, "gateway-tools", "bedrock-agentcore.amazonaws.com",
                        json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": ids["refunds"]}]}))
    gateway = agentcore.create_gateway(name="public-tools", roleArn=gateway_role, protocolType="MCP", authorizerType="NONE")
    ids["gateway"] = gateway["gatewayArn"]
    agentcore.create_gateway_target(
        gatewayIdentifier=gateway["gatewayId"], name="refunds",
        targetConfiguration={"mcp": {"lambda": {"lambdaArn": ids["refunds"], "toolSchema": {"inlinePayload": [
            {"name": "refund", "description": "refund an order", "inputSchema": {"type": "object"}}]}}}},
        credentialProviderConfigurations=[{"credentialProviderType": "GATEWAY_IAM_ROLE"}])

    runtime_role = role(iam, "runtime-ops", "bedrock-agentcore.amazonaws.com", ADMIN if linked else allow("bedrock:InvokeModel"))
    ids["runtime"] = agentcore.create_agent_runtime(
        agentRuntimeName="support_rt", roleArn=runtime_role, networkConfiguration={"networkMode": "PUBLIC"},
        agentRuntimeArtifact={"containerConfiguration": {"containerUri": f"{account}.dkr.ecr.us-east-1.amazonaws.com/support:1"}})["agentRuntimeArn"]
    return ids


if __name__ == "__main__":
    ids = {scenario: seed(account, linked=scenario == "agents") for scenario, account in ACCOUNTS.items()}
    print(json.dumps({"accounts": ACCOUNTS, "ids": ids}))
