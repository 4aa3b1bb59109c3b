using CloudAudit.Inventory.Catalog;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Demo;

/// <summary>
/// IAM users, groups, roles and policies. Production: the organization's admin role, a platform team whose policy
/// allows everything except Organizations and Account (a NotAction near-admin), a GitHub deploy role bound to one
/// repository that may pass the orders role to Lambda, and DataZone's administrators. Development: a CI role with
/// AdministratorAccess, a GitHub role trusting any repository, developers who may pass any role (an admin Lambda role
/// among them) to new functions, an analyst who may assume the data pipeline role and holds DataZone's full access,
/// and the marks of an intrusion (DemoThreatActivity): the build user AWS quarantined, and two roles created hours
/// ago with its leaked key, one for mining, one trusted by an outside account. Security: no administrator role of its own
/// (people come through Identity Center), read-only auditors, and a log forwarder that reads only its SIEM token.
/// Every Lambda function's execution role (DemoLambda) is here.
/// </summary>
internal sealed class DemoIamAuthorization : IDemoPart
{
    public const string OrdersProcessorRole = "lambda-orders-processor";
    public const string AdminLambdaRole = "lambda-admin-exec";
    public const string SiemForwarder = "siem-forwarder";
    private const string ManagementAccount = DemoAccount.ManagementAccount;
    private const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string SecurityAudit = "arn:aws:iam::aws:policy/SecurityAudit";
    private const string ViewOnly = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";
    private const string LambdaBasic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private const string DataZoneFullAccess = "arn:aws:iam::aws:policy/AmazonDataZoneFullAccess";
    public const string QuarantinePolicy = "AWSCompromisedKeyQuarantineV3";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var iam = new IamAuthorizationBuilder(id)
            .ManagedPolicy("developer-access", $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"ReadOperations","Effect":"Allow","Action":["cloudwatch:Get*","cloudwatch:List*","logs:Describe*","logs:Get*","logs:FilterLogEvents",
                    "lambda:Get*","lambda:List*","dynamodb:Describe*","dynamodb:List*","s3:ListAllMyBuckets"],"Resource":"*"},
                  {"Sid":"ReadOrders","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],"Resource":"arn:aws:dynamodb:us-east-1:{{id}}:table/orders"}]}
                """)
            .ManagedPolicy("github-deploy", $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"DeployOrderFunctions","Effect":"Allow","Action":["lambda:CreateFunction","lambda:UpdateFunctionCode","lambda:UpdateFunctionConfiguration",
                    "lambda:GetFunction","lambda:InvokeFunction","lambda:PublishVersion","lambda:UpdateAlias"],"Resource":"arn:aws:lambda:*:{{id}}:function:orders-*"},
                  {"Sid":"PassOrdersRole","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::{{id}}:role/{{OrdersProcessorRole}}",
                    "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"} } },
                  {"Sid":"Artifacts","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::northwind-deploy-artifacts-{{id}}/*"}]}
                """)
            .ManagedPolicy("orders-processor-access", $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"OrdersTable","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem","dynamodb:UpdateItem","dynamodb:Query"],
                    "Resource":"arn:aws:dynamodb:us-east-1:{{id}}:table/orders"},
                  {"Sid":"OrdersQueue","Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes"],
                    "Resource":"arn:aws:sqs:us-east-1:{{id}}:orders-queue"},
                  {"Sid":"StripeKey","Effect":"Allow","Action":"secretsmanager:GetSecretValue",
                    "Resource":"{{DemoSecretsManager.SecretArn(id, "us-east-1", DemoSecretsManager.StripeKey)}}"}]}
                """)
            // "Everything but the organization": still lets the team write itself any IAM policy.
            .ManagedPolicy("platform-ops-access", """
                {"Version":"2012-10-17","Statement":[{"Sid":"AllButOrganization","Effect":"Allow","NotAction":["organizations:*","account:*"],"Resource":"*"}]}
                """)
            .ManagedPolicy("reporting-task", $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::northwind-datalake-curated-{{id}}/reports/*"},
                  {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:{{id}}:secret:prod/reporting/*"}]}
                """)
            .Group("Developers", managed: ["developer-access"])
            .Group("Auditors", managed: [SecurityAudit, ViewOnly])
            .User("security-auditor", groups: ["Auditors"], tags: [("team", "security")])
            .User("maria.santos", groups: ["Developers"], tags: [("team", "orders")])
            .Role("OrganizationAccountAccessRole", Trust.Account(ManagementAccount), managed: [Admin])
            .Role("platform-operators", MfaTrust(id), managed: ["platform-ops-access"])
            .Role("github-actions-deploy", Trust.GitHub(id, "repo:northwind-analytics/orders-service:ref:refs/heads/main"), managed: ["github-deploy"])
            .Role(OrdersProcessorRole, Trust.Service("lambda.amazonaws.com"), managed: ["orders-processor-access", LambdaBasic])
            .Role("ecs-reporting-task", Trust.Service("ecs-tasks.amazonaws.com"), managed: ["reporting-task"])
            .Role("CloudTrailToCloudWatch", Trust.Service("cloudtrail.amazonaws.com"), inline: [("deliver-logs", $$"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],
                  "Resource":"{{DemoCloudTrail.AuditLogGroupArn(id)}}"}]}
                """)])
            .Role("SecurityAudit", Trust.Account(ManagementAccount), managed: [SecurityAudit, ViewOnly])
            // The data platform's administrators: DataZone full access is no over-grant for an administrator.
            .Role("datazone-platform-admin", MfaTrust(id), managed: [Admin, DataZoneFullAccess]);
        DemoAgentRoles.Production(iam);
        DemoSageMaker.ExecutionRole(iam, development: false);
        ServiceAndIdentityCenterRoles(iam);
        a.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, WithFunctionRoles(iam).Build());
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var iam = new IamAuthorizationBuilder(id)
            .ManagedPolicy("developer-sandbox", """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"Serverless","Effect":"Allow","Action":["lambda:*","apigateway:*","dynamodb:*","s3:*","logs:*","cloudwatch:*"],"Resource":"*"},
                  {"Sid":"PassAnyRole","Effect":"Allow","Action":["iam:PassRole","iam:GetRole","iam:ListRoles"],"Resource":"*"}]}
                """)
            .ManagedPolicy("data-analyst-access", $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"Query","Effect":"Allow","Action":["athena:StartQueryExecution","athena:GetQueryResults","glue:GetTable","glue:GetDatabase"],"Resource":"*"},
                  {"Sid":"AssumeDataRoles","Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{id}}:role/data-*"}]}
                """)
            .ManagedPolicy("data-pipeline-access", $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"WarehouseCredentials","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:{{id}}:secret:dev/warehouse/*"},
                  {"Sid":"Staging","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::northwind-dev-datalake-{{id}}/staging/*"}]}
                """)
            .Group("Developers", managed: ["developer-sandbox"])
            .User("dev-jordan", groups: ["Developers"], tags: [("team", "web")])
            .User("dev-priya", groups: ["Developers"], tags: [("team", "web")])
            .User("li.wei", managed: ["data-analyst-access", DataZoneFullAccess], tags: [("team", "analytics")])
            // AWS found the build user's key in a public repository and quarantined the user (DemoThreatActivity).
            .User("jenkins", managed: [$"arn:aws:iam::aws:policy/{QuarantinePolicy}"], tags: [("team", "platform")])
            .Role("OrganizationAccountAccessRole", Trust.Account(ManagementAccount), managed: [Admin])
            .Role("ci-deployer", Trust.Service("codebuild.amazonaws.com"), managed: [Admin])
            .Role("github-actions-dev", Trust.GitHub(id, null), managed: ["developer-sandbox"])
            .Role(AdminLambdaRole, Trust.Service("lambda.amazonaws.com"), managed: [Admin, LambdaBasic])
            .Role("data-pipeline", Trust.Account(id), managed: ["data-pipeline-access"])
            .Role("SecurityAudit", Trust.Account(ManagementAccount), managed: [SecurityAudit, ViewOnly])
            // Workloads outside AWS get role credentials through Roles Anywhere (DemoIdentityAndMail's anchor).
            .Role("onprem-build-agents", Trust.Service("rolesanywhere.amazonaws.com"), managed: ["developer-sandbox"])
            // Created hours ago with the leaked key (DemoThreatActivity): mining rights and SES sending.
            .Role(DemoThreatActivity.MiningRole, Trust.Service("ec2.amazonaws.com"),
                managed: ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/AmazonSESFullAccess"], instanceProfile: true,
                created: clock.Ago(DemoThreatActivity.MiningRoleAge))
            .Role(DemoThreatActivity.BackdoorRole, Trust.Account(DemoThreatActivity.OutsideAccount), managed: [Admin],
                created: clock.Ago(DemoThreatActivity.BackdoorRoleAge));
        DemoAgentRoles.Development(iam);
        DemoSageMaker.ExecutionRole(iam, development: true);
        ServiceAndIdentityCenterRoles(iam);
        a.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, WithFunctionRoles(iam).Build());
    }

    /// <summary>The security account, as DemoIam lists it: one service user, the auditors' and support roles, Identity Center for people.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var iam = new IamAuthorizationBuilder(id)
            .ManagedPolicy("siem-forwarding", $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"ReadTrailLogs","Effect":"Allow","Action":["logs:DescribeLogStreams","logs:GetLogEvents","logs:FilterLogEvents"],
                    "Resource":"arn:aws:logs:us-east-1:{{id}}:log-group:{{DemoCloudTrail.SecurityLogGroup}}:*"},
                  {"Sid":"SiemToken","Effect":"Allow","Action":"secretsmanager:GetSecretValue",
                    "Resource":"{{DemoSecretsManager.SecretArn(id, "us-east-1", DemoSecretsManager.SiemToken)}}"}]}
                """)
            .User(SiemForwarder, managed: ["siem-forwarding"], tags: [("team", "security")], path: "/service/")
            .Role("aws-support", MfaTrust(id), managed: ["arn:aws:iam::aws:policy/AWSSupportAccess"])
            .Role("SecurityAudit", MfaTrust(id), managed: [SecurityAudit, ViewOnly])
            .Role("CloudTrailToCloudWatch", Trust.Service("cloudtrail.amazonaws.com"), inline: [("deliver-logs", $$"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],
                  "Resource":"arn:aws:logs:us-east-1:{{id}}:log-group:{{DemoCloudTrail.SecurityLogGroup}}:*"}]}
                """)])
            .Role("AWSServiceRoleForSupport", Trust.Service("support.amazonaws.com"),
                managed: ["arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"], path: "/aws-service-role/support.amazonaws.com/")
            .Role("AWSServiceRoleForAmazonGuardDuty", Trust.Service("guardduty.amazonaws.com"),
                managed: ["arn:aws:iam::aws:policy/aws-service-role/AmazonGuardDutyServiceRolePolicy"], path: "/aws-service-role/guardduty.amazonaws.com/")
            .Role("AWSServiceRoleForSecurityHub", Trust.Service("securityhub.amazonaws.com"),
                managed: ["arn:aws:iam::aws:policy/aws-service-role/AWSSecurityHubServiceRolePolicy"], path: "/aws-service-role/securityhub.amazonaws.com/")
            .Role("AWSReservedSSO_SecurityAnalyst_7c6b5a4d3e2f1a09", SamlTrust(id), managed: [SecurityAudit, ViewOnly],
                path: "/aws-reserved/sso.amazonaws.com/");
        a.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, WithFunctionRoles(iam).Build());
    }

    /// <summary>The roles made for one Lambda function each: Lambda may assume them, and they may write logs (some do more, DemoAgentRoles).</summary>
    private static IamAuthorizationBuilder WithFunctionRoles(IamAuthorizationBuilder iam)
    {
        foreach (var role in DemoLambda.OwnExecutionRoles(iam.AccountId))
            iam.Role(role, Trust.Service("lambda.amazonaws.com"), managed: [LambdaBasic], inline: DemoAgentRoles.FunctionRoleExtras(iam.AccountId, role));
        return iam;
    }

    /// <summary>Roles AWS creates: service-linked ones and the Identity Center permission-set roles, admin included.</summary>
    private static void ServiceAndIdentityCenterRoles(IamAuthorizationBuilder iam)
    {
        iam.Role("AWSServiceRoleForSupport", Trust.Service("support.amazonaws.com"),
                managed: ["arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"], path: "/aws-service-role/support.amazonaws.com/")
            .Role("AWSServiceRoleForOrganizations", Trust.Service("organizations.amazonaws.com"),
                managed: ["arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy"], path: "/aws-service-role/organizations.amazonaws.com/")
            .Role("AWSReservedSSO_AdministratorAccess_4f2b1e9d0c3a7b65", SamlTrust(iam.AccountId), managed: [Admin],
                path: "/aws-reserved/sso.amazonaws.com/eu-west-1/")
            .Role("AWSReservedSSO_ReadOnly_9a8b7c6d5e4f3a21", SamlTrust(iam.AccountId), managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                path: "/aws-reserved/sso.amazonaws.com/eu-west-1/");
    }

    private static string MfaTrust(string account) => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"sts:AssumeRole",
          "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"} } }]}
        """;

    private static string SamlTrust(string account) => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::{{account}}:saml-provider/AWSSSO_3c1f0e5d7b9a2468_DO_NOT_DELETE"},
          "Action":["sts:AssumeRoleWithSAML","sts:TagSession"],"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"} } }]}
        """;
}
