"""Seeds moto with two accounts for AI entry points (usage: seed_endpoints.py ENDPOINT).

endpoints: the Lambda function web runs as role web, which may call sagemaker:InvokeEndpoint on the SageMaker endpoint
  fraud-scorer; its model fraud-xgb runs as scorer, an administrator by an inline policy. The AgentCore runtime
  triage_rt (SigV4 callers) runs as triage-rt; the test answers its GetResourcePolicy (moto has none) with a policy
  that lets anyone invoke it.
endpoints-decoy: the same function, role, endpoint, model and runtime, but scorer may only read one bucket, and the
  runtime has no resource policy (ResourceNotFoundException); the administrator ops-admin runs the function payroll,
  which nothing reaches.
Prints {"accounts": {scenario: account}, "ids": {scenario: {name: id}}}.
"""
import json

from seeding import ADMIN, allow, clients, lambda_function as function, service_role as role, session

ACCOUNTS = {"endpoints": "300000000095", "endpoints-decoy": "300000000096"}
IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1"


def scoped(action, resource):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})


def seed(account, linked):
    c = clients(session(account))
    iam, sagemaker = c("iam"), c("sagemaker")
    ids = {}
    endpoint_arn = f"arn:aws:sagemaker:us-east-1:{account}:endpoint/fraud-scorer"
    ids["web_role"] = role(iam, "web", "lambda.amazonaws.com", scoped("sagemaker:InvokeEndpoint", endpoint_arn))
    ids["web"] = function(c, "web", ids["web_role"])
    if not linked:
        ids["payroll"] = function(c, "payroll", role(iam, "ops-admin", "lambda.amazonaws.com", ADMIN))

    scorer = role(iam, "scorer", "sagemaker.amazonaws.com", ADMIN if linked else scoped("s3:GetObject", f"arn:aws:s3:::models-{account}/*"))
    sagemaker.create_model(ModelName="fraud-xgb", ExecutionRoleArn=scorer, PrimaryContainer={"Image": IMAGE})
    sagemaker.create_endpoint_config(EndpointConfigName="fraud-v2", ProductionVariants=[
        {"VariantName": "AllTraffic", "ModelName": "fraud-xgb", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
    ids["endpoint"] = sagemaker.create_endpoint(EndpointName="fraud-scorer", EndpointConfigName="fraud-v2")["EndpointArn"]

    triage = role(iam, "triage-rt", "bedrock-agentcore.amazonaws.com", allow("bedrock:InvokeModel"))
    ids["runtime"] = c("bedrock-agentcore-control").create_agent_runtime(
        agentRuntimeName="triage_rt", roleArn=triage, networkConfiguration={"networkMode": "PUBLIC"},
        agentRuntimeArtifact={"containerConfiguration": {"containerUri": f"{account}.dkr.ecr.us-east-1.amazonaws.com/triage:1"}})["agentRuntimeArn"]
    return ids


if __name__ == "__main__":
    ids = {scenario: seed(account, linked=scenario == "endpoints") for scenario, account in ACCOUNTS.items()}
    print(json.dumps({"accounts": ACCOUNTS, "ids": ids}))
