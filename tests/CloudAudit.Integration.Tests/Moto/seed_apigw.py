"""Seeds moto with two accounts for API Gateway entry points (usage: seed_apigw.py ENDPOINT).

apigw: the REST API shop-api (REGIONAL, no resource policy, deployed in stage prod) answers GET /orders without
  authorization through a Lambda proxy integration with the function orders, which runs as orders-admin, an
  administrator by an inline policy: the internet reaches an administrator through the API (AC-05).
apigw-decoy: the same API, stage and administrator function, but GET /orders integrates with the function catalog,
  whose role may only read one DynamoDB table, and only POST /admin (AWS_IAM) integrates with orders; the HTTP API
  mobile routes POST /orders to orders with AWS_IAM authorization. The same administrator finding, and no chain.
moto serves every read the graph makes here (GetRestApis, GetResources with the methods, GetStages, GetApis,
GetRoutes, GetIntegrations and the HTTP API's GetStages); it returns the methods whether or not embed=methods is sent.
Prints {"accounts": {scenario: account}, "ids": {scenario: {name: id}}}.
"""
import json

from seeding import ADMIN, clients, function_code, session, trust

ACCOUNTS = {"apigw": "300000000091", "apigw-decoy": "300000000092"}
REGION = "us-east-1"


def function(c, iam, name, policy):
    role = iam.create_role(RoleName=f"{name}-role" if policy != ADMIN else f"{name}-admin",
                           AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))["Role"]["Arn"]
    iam.put_role_policy(RoleName=role.split("/")[-1], PolicyName="access", PolicyDocument=policy)
    return c("lambda").create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                                       Code={"ZipFile": function_code()})["FunctionArn"]


def invocation(function_arn):
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function_arn}/invocations"


def method(api, parent, path, verb, authorization, function_arn):
    resource = api.create_resource(restApiId=parent["api"], parentId=parent["root"], pathPart=path)["id"]
    api.put_method(restApiId=parent["api"], resourceId=resource, httpMethod=verb, authorizationType=authorization)
    api.put_integration(restApiId=parent["api"], resourceId=resource, httpMethod=verb, type="AWS_PROXY",
                        integrationHttpMethod="POST", uri=invocation(function_arn))


def seed(account, linked):
    c = clients(session(account))
    iam = c("iam")
    ids = {"orders": function(c, iam, "orders", ADMIN)}
    if not linked:
        ids["catalog"] = function(c, iam, "catalog", json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": f"arn:aws:dynamodb:{REGION}:{account}:table/catalog"}]}))

    api = c("apigateway")
    rest = api.create_rest_api(name="shop-api", endpointConfiguration={"types": ["REGIONAL"]})
    parent = {"api": rest["id"], "root": next(r["id"] for r in api.get_resources(restApiId=rest["id"])["items"] if r["path"] == "/")}
    method(api, parent, "orders", "GET", "NONE", ids["orders"] if linked else ids["catalog"])
    if not linked:
        method(api, parent, "admin", "POST", "AWS_IAM", ids["orders"])
    api.create_deployment(restApiId=rest["id"], stageName="prod")
    ids["api"] = f"arn:aws:apigateway:{REGION}::/restapis/{rest['id']}"

    if not linked:
        v2 = c("apigatewayv2")
        http = v2.create_api(Name="mobile", ProtocolType="HTTP")
        integration = v2.create_integration(ApiId=http["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=ids["orders"],
                                            PayloadFormatVersion="2.0")
        v2.create_route(ApiId=http["ApiId"], RouteKey="POST /orders", AuthorizationType="AWS_IAM",
                        Target=f"integrations/{integration['IntegrationId']}")
        v2.create_stage(ApiId=http["ApiId"], StageName="$default")
        ids["http_api"] = f"arn:aws:apigateway:{REGION}::/apis/{http['ApiId']}"
    return ids


if __name__ == "__main__":
    ids = {scenario: seed(account, linked=scenario == "apigw") for scenario, account in ACCOUNTS.items()}
    print(json.dumps({"accounts": ACCOUNTS, "ids": ids}))
