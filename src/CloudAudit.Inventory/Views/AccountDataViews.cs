namespace CloudAudit.Inventory.Views;

/// <summary>Entry points from an account's inventory to its typed views.</summary>
public static class AccountDataViews
{
    public static CloudTrailView CloudTrail(this AccountData data) => new(data);
    public static CloudTrailEventsView CloudTrailEvents(this AccountData data) => new(data);
    public static IdentityAndMailView IdentityAndMail(this AccountData data) => new(data);
    public static MonitoringView Monitoring(this AccountData data) => new(data);
    public static S3View S3(this AccountData data) => new(data);
    public static EfsView Efs(this AccountData data) => new(data);
    public static RdsView Rds(this AccountData data) => new(data);
    public static KmsView Kms(this AccountData data) => new(data);
    public static IamView Iam(this AccountData data) => new(data);
    public static AccountView Account(this AccountData data) => new(data);
    public static Ec2View Ec2(this AccountData data) => new(data);
    public static VpcView Vpc(this AccountData data) => new(data);
    public static GuardDutyView GuardDuty(this AccountData data) => new(data);
    public static ConfigView Config(this AccountData data) => new(data);
    public static LambdaView Lambda(this AccountData data) => new(data);
    public static EcsView Ecs(this AccountData data) => new(data);
    public static SsmView Ssm(this AccountData data) => new(data);
    public static SecretsManagerView SecretsManager(this AccountData data) => new(data);
    public static BackupView Backup(this AccountData data) => new(data);
    public static InspectorView Inspector(this AccountData data) => new(data);
    public static WafView Waf(this AccountData data) => new(data);
    public static ApiGatewayView ApiGateway(this AccountData data) => new(data);
    public static BedrockView Bedrock(this AccountData data) => new(data);
    public static SageMakerView SageMaker(this AccountData data) => new(data);
    public static DynamoDbView DynamoDb(this AccountData data) => new(data);
    public static AgentCoreView AgentCore(this AccountData data) => new(data);
    public static BedrockAgentView BedrockAgents(this AccountData data) => new(data);
    public static IamAuthorizationView IamAuthorization(this AccountData data) => new(data);
    public static ResourcePolicyView ResourcePolicies(this AccountData data) => new(data);
    public static OrganizationServiceView OrganizationServices(this AccountData data) => new(data);
    public static OrganizationTreeView OrganizationTree(this AccountData data) => new(data);
    public static OrganizationPolicyView ServiceControlPolicies(this AccountData data) => new(data, Catalog.OrganizationCalls.ServiceControlPolicy);
    public static OrganizationPolicyView ResourceControlPolicies(this AccountData data) => new(data, Catalog.OrganizationCalls.ResourceControlPolicy);
}
