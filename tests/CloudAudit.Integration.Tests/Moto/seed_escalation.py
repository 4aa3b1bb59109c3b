"""Seeds moto with aws-iam-018's scenario accounts (usage: seed_escalation.py ENDPOINT).

One account per service family (escalation-iam, -lambda, -ec2, -ecs, -codebuild, -cloudformation, -sagemaker, -glue,
-ssm). Each holds an administrator role the family's service may assume (EC2's in an instance profile; Lambda's runs
an existing function) and, for each of the family's paths:
  exact-<path>: a user holding exactly the path's permissions (on "*"): reported as <user ARN>#<path>;
  short-<path>: a user missing one of them: not reported.
CodeBuild's permissions reach only projects named ci-*: enough to create one and start it (codebuild-001), not to
start every existing project (codebuild-002, which a grant on "*" opens as well).
Families that pass a role also hold principals that look risky but are not:
  passed-elsewhere: the permissions, with iam:PassRole limited by iam:PassedToService to RDS, which runs no code;
  denied-key: the permissions, plus a Deny on iam:PassRole;
  bounded (a role: moto drops users' boundaries): the permissions, under a boundary that leaves out iam:PassRole.

escalation-chain: multi-hop and cross-account.
  dev (a user) may assume deployer, which may pass lambda-admin to a new function: dev -[sts-001]-> deployer
  -[lambda-001]-> administrator. partner-admin, an administrator role, trusts account 444455556666 with an external ID.
  helpdesk (a user) may create access keys for the user release, which may attach any policy to itself:
  helpdesk -[iam-002]-> release -[iam-008]-> administrator.
  partner-ops, an administrator role, trusts the role ops of escalation-partner, a second moto account whose ops may
  assume it (assume_across.py does, over the wire).

Prints {scenario: account}.
"""
import io
import json
import zipfile

from seeding import clients, session

ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
RUNS_NO_CODE = "rds.amazonaws.com"

# family: (account, service whose role is passed or hijacked, {path: required permissions}, permission "short" drops)
FAMILIES = {
    "iam": ("300000000020", None, {"iam-007": ["iam:PutUserPolicy"], "iam-013": ["iam:AddUserToGroup"], "iam-008": ["iam:AttachUserPolicy"],
                                   "iam-002": ["iam:CreateAccessKey"], "iam-004": ["iam:CreateLoginProfile"], "iam-012": ["iam:UpdateAssumeRolePolicy"]}),
    "lambda": ("300000000021", "lambda.amazonaws.com", {
        "lambda-001": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
        "lambda-003": ["lambda:UpdateFunctionCode"],
        "lambda-002": ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
        "lambda-006": ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"]}),
    "ec2": ("300000000022", "ec2.amazonaws.com", {"ec2-001": ["iam:PassRole", "ec2:RunInstances"],
                                                  "ec2-003": ["iam:PassRole", "ec2:RequestSpotInstances"]}),
    "ecs": ("300000000023", "ecs-tasks.amazonaws.com", {"ecs-004": ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"]}),
    "codebuild": ("300000000024", "codebuild.amazonaws.com",
                  {"codebuild-001": ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"]}),
    "cloudformation": ("300000000025", "cloudformation.amazonaws.com", {"cloudformation-001": ["iam:PassRole", "cloudformation:CreateStack"]}),
    "sagemaker": ("300000000026", "sagemaker.amazonaws.com", {"sagemaker-001": ["iam:PassRole", "sagemaker:CreateNotebookInstance"]}),
    "glue": ("300000000027", "glue.amazonaws.com", {"glue-001": ["iam:PassRole", "glue:CreateDevEndpoint"],
                                                    "glue-003": ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"]}),
    "ssm": ("300000000028", "ec2.amazonaws.com", {"ssm-002": ["ssm:SendCommand"]}),
}
CHAIN_ACCOUNT = "300000000029"
PARTNER = "444455556666"
PARTNER_ACCOUNT = "300000000047"


def document(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(actions, resource="*", condition=None):
    statement = {"Effect": "Allow", "Action": actions, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return statement


def trust(principal, condition=None):
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return document(statement)


def function_code():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {}\n")
    return buffer.getvalue()


# Resources a family's permissions are limited to, by service prefix (the rest are on "*").
SCOPES = {"codebuild": "arn:aws:codebuild:us-east-1:{account}:project/ci-*"}


def granted(account, actions):
    """Allow statements for the actions: those of a scoped service on its scope, the others on "*"."""
    by_resource = {}
    for action in actions:
        scope = SCOPES.get(action.split(":")[0])
        by_resource.setdefault(scope.format(account=account) if scope else "*", []).append(action)
    return [allow(group, resource) for resource, group in by_resource.items()]


def user(iam, name, *statements):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="permissions", PolicyDocument=document(*statements))


def seed_family(c, account, service, paths):
    iam = c("iam")
    admin_role = f"arn:aws:iam::{account}:role/admin"
    if service:
        iam.create_role(RoleName="admin", AssumeRolePolicyDocument=trust({"Service": service}))
    else:
        iam.create_role(RoleName="admin", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:root"}))
        iam.create_group(GroupName="administrators")
        iam.put_group_policy(GroupName="administrators", PolicyName="admin", PolicyDocument=json.dumps(ADMIN))
    iam.put_role_policy(RoleName="admin", PolicyName="admin", PolicyDocument=json.dumps(ADMIN))
    if service == "ec2.amazonaws.com":
        iam.create_instance_profile(InstanceProfileName="admin")
        iam.add_role_to_instance_profile(InstanceProfileName="admin", RoleName="admin")
    if service == "lambda.amazonaws.com":
        c("lambda").create_function(FunctionName="nightly-report", Runtime="python3.12", Role=admin_role, Handler="index.handler",
                                    Code={"ZipFile": function_code()})

    for path, actions in paths.items():
        user(iam, f"exact-{path}", *granted(account, actions))
        rest = actions[:-1] if len(actions) > 1 else ["sts:GetCallerIdentity"]
        user(iam, f"short-{path}", *granted(account, rest))

    passing = [actions for actions in paths.values() if "iam:PassRole" in actions]
    if passing:
        actions = passing[0]
        others = [a for a in actions if a != "iam:PassRole"]
        user(iam, "passed-elsewhere", *granted(account, others), allow("iam:PassRole", condition={"StringEquals": {"iam:PassedToService": RUNS_NO_CODE}}))
        user(iam, "denied-key", *granted(account, actions), {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"})
        boundary = iam.create_policy(PolicyName="no-pass-role", PolicyDocument=document(*granted(account, others)))["Policy"]["Arn"]
        iam.create_role(RoleName="bounded", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:root"}), PermissionsBoundary=boundary)
        iam.put_role_policy(RoleName="bounded", PolicyName="permissions", PolicyDocument=document(*granted(account, actions)))


def seed_chain(c, account):
    iam = c("iam")
    iam.create_role(RoleName="lambda-admin", AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
    iam.put_role_policy(RoleName="lambda-admin", PolicyName="admin", PolicyDocument=json.dumps(ADMIN))
    user(iam, "dev", allow("sts:AssumeRole", f"arn:aws:iam::{account}:role/deployer"))
    iam.create_role(RoleName="deployer", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:user/dev"}))
    iam.put_role_policy(RoleName="deployer", PolicyName="deploy",
                        PolicyDocument=document(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])))
    iam.create_role(RoleName="partner-admin", AssumeRolePolicyDocument=trust(
        {"AWS": f"arn:aws:iam::{PARTNER}:root"}, {"StringEquals": {"sts:ExternalId": "partner-7f3a"}}))
    iam.put_role_policy(RoleName="partner-admin", PolicyName="admin", PolicyDocument=json.dumps(ADMIN))
    user(iam, "release", allow("iam:AttachUserPolicy", f"arn:aws:iam::{account}:user/release"))
    user(iam, "helpdesk", allow("iam:CreateAccessKey", f"arn:aws:iam::{account}:user/release"))
    iam.create_role(RoleName="partner-ops", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{PARTNER_ACCOUNT}:role/ops"}))
    iam.put_role_policy(RoleName="partner-ops", PolicyName="admin", PolicyDocument=json.dumps(ADMIN))


def seed_partner(c, account, chain_account):
    """The second account's side of the cross-account trust: ops may assume partner-ops in the chain account."""
    iam = c("iam")
    iam.create_role(RoleName="ops", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:root"}))
    iam.put_role_policy(RoleName="ops", PolicyName="assume-partner-ops",
                        PolicyDocument=document(allow("sts:AssumeRole", f"arn:aws:iam::{chain_account}:role/partner-ops")))


if __name__ == "__main__":
    accounts = {}
    for family, (account, service, paths) in FAMILIES.items():
        seed_family(clients(session(account)), account, service, paths)
        accounts[f"escalation-{family}"] = account
    seed_chain(clients(session(CHAIN_ACCOUNT)), CHAIN_ACCOUNT)
    accounts["escalation-chain"] = CHAIN_ACCOUNT
    seed_partner(clients(session(PARTNER_ACCOUNT)), PARTNER_ACCOUNT, CHAIN_ACCOUNT)
    accounts["escalation-partner"] = PARTNER_ACCOUNT
    print(json.dumps(accounts))
