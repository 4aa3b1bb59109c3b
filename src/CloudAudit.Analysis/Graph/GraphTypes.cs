using System.Text.Json.Serialization;

namespace CloudAudit.Analysis.Graph;

/// <summary>
/// What a node of the security graph stands for. The JSON names extend the reference tool's node types
/// (internet, security_group, ec2, lambda, iam_role, s3_bucket …) without renaming any of them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeType>))]
public enum NodeType
{
    [JsonStringEnumMemberName("internet")] Internet,
    /// <summary>Full control of one account: what an administrator holds. Account-wide findings sit here too.</summary>
    [JsonStringEnumMemberName("account")] Account,
    /// <summary>One region of one account: region-wide findings (no GuardDuty, no Config recorder) sit here.</summary>
    [JsonStringEnumMemberName("region")] Region,

    [JsonStringEnumMemberName("vpc")] Vpc,
    [JsonStringEnumMemberName("subnet")] Subnet,
    [JsonStringEnumMemberName("security_group")] SecurityGroup,
    [JsonStringEnumMemberName("network_acl")] NetworkAcl,
    [JsonStringEnumMemberName("load_balancer")] LoadBalancer,
    [JsonStringEnumMemberName("api_gateway")] ApiGateway,

    [JsonStringEnumMemberName("ec2")] Ec2Instance,
    [JsonStringEnumMemberName("lambda")] LambdaFunction,
    [JsonStringEnumMemberName("ecs_service")] EcsService,
    [JsonStringEnumMemberName("ecs_task")] EcsTaskDefinition,
    [JsonStringEnumMemberName("sagemaker_notebook")] SageMakerNotebook,
    /// <summary>A SageMaker real-time inference endpoint: callers sign with SigV4 (sagemaker:InvokeEndpoint), never anonymous.</summary>
    [JsonStringEnumMemberName("sagemaker_endpoint")] SageMakerEndpoint,

    [JsonStringEnumMemberName("bedrock_agent")] BedrockAgent,
    [JsonStringEnumMemberName("agentcore_runtime")] AgentCoreRuntime,
    [JsonStringEnumMemberName("agentcore_gateway")] AgentCoreGateway,
    [JsonStringEnumMemberName("agentcore_code_interpreter")] AgentCoreCodeInterpreter,

    [JsonStringEnumMemberName("iam_root")] IamRoot,
    [JsonStringEnumMemberName("iam_user")] IamUser,
    [JsonStringEnumMemberName("iam_group")] IamGroup,
    [JsonStringEnumMemberName("iam_role")] IamRole,
    [JsonStringEnumMemberName("oidc_provider")] OidcProvider,
    /// <summary>An AWS account outside the scan that a trust policy names.</summary>
    [JsonStringEnumMemberName("external_account")] ExternalAccount,
    /// <summary>Anyone: the "*" principal of a trust or resource policy.</summary>
    [JsonStringEnumMemberName("any_principal")] AnyPrincipal,

    [JsonStringEnumMemberName("s3_bucket")] S3Bucket,
    [JsonStringEnumMemberName("secret")] Secret,
    [JsonStringEnumMemberName("kms_key")] KmsKey,
    [JsonStringEnumMemberName("rds_instance")] RdsInstance,
    [JsonStringEnumMemberName("dynamodb_table")] DynamoDbTable,
    [JsonStringEnumMemberName("ssm_parameter")] SsmParameter,
}

/// <summary>What an edge of the security graph says about its source and target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EdgeType>))]
public enum EdgeType
{
    /// <summary>internet → an entry point or workload that anyone on the internet can send traffic or requests to.</summary>
    [JsonStringEnumMemberName("reachable_from_internet")] ReachableFromInternet,
    /// <summary>security group → the workload whose network interface uses it.</summary>
    [JsonStringEnumMemberName("network_attach")] NetworkAttach,
    /// <summary>A resource → the VPC or subnet it lives in.</summary>
    [JsonStringEnumMemberName("in_network")] InNetwork,
    /// <summary>A workload → the role its code gets credentials for.</summary>
    [JsonStringEnumMemberName("runs_as")] RunsAs,
    /// <summary>An ECS service → the task definition it runs.</summary>
    [JsonStringEnumMemberName("runs_task")] RunsTask,
    /// <summary>A principal (or an OIDC provider, another account, anyone) → a role it can assume.</summary>
    [JsonStringEnumMemberName("can_assume")] CanAssume,
    /// <summary>A principal → a principal it can become or make more powerful (aws-iam-018's paths).</summary>
    [JsonStringEnumMemberName("can_escalate_to")] CanEscalateTo,
    /// <summary>A principal → the account it administers: every action on every resource, as the policy engine decides.</summary>
    [JsonStringEnumMemberName("admin_of")] AdminOf,
    [JsonStringEnumMemberName("can_read")] CanRead,
    [JsonStringEnumMemberName("can_write")] CanWrite,
    [JsonStringEnumMemberName("can_decrypt")] CanDecrypt,
    /// <summary>A principal → a workload it can run its own code or commands on (ssm:SendCommand, lambda:UpdateFunctionCode …).</summary>
    [JsonStringEnumMemberName("can_control")] CanControl,
    /// <summary>
    /// A principal → an AI agent it may invoke (bedrock:InvokeAgent, bedrock-agentcore:InvokeAgentRuntime or
    /// InvokeGateway), as the policy engine decides: whoever holds the principal can prompt the agent.
    /// </summary>
    [JsonStringEnumMemberName("can_invoke")] CanInvoke,
    /// <summary>
    /// A SageMaker notebook's execution role → a region whose Bedrock foundation models it may call
    /// (bedrock:InvokeModel or InvokeModelWithResponseStream), as the policy engine decides. Not an attacker's move
    /// to another resource: blast radius does not follow it.
    /// </summary>
    [JsonStringEnumMemberName("can_invoke_model")] CanInvokeModel,
    /// <summary>A user → a group whose policies it holds.</summary>
    [JsonStringEnumMemberName("member_of")] MemberOf,
    /// <summary>An AI agent → a tool it calls (a Lambda function, a gateway target).</summary>
    [JsonStringEnumMemberName("uses_tool")] UsesTool,
    /// <summary>An AI agent → a knowledge-base data source it retrieves from.</summary>
    [JsonStringEnumMemberName("knowledge_base")] KnowledgeBase,
    /// <summary>
    /// An API Gateway API → the Lambda function a route that needs no credentials integrates with: whoever reaches
    /// the API sends the function their request.
    /// </summary>
    [JsonStringEnumMemberName("forwards_to")] ForwardsTo,
}

/// <summary>How an evidence item bears on its edge.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceKind>))]
public enum EvidenceKind
{
    /// <summary>
    /// One of the alternatives that make the edge exist (an open security-group rule, an administrative policy).
    /// The edge stands while at least one of its grants stands; a grant a finding reports falls when that check is fixed.
    /// </summary>
    [JsonStringEnumMemberName("grant")] Grant,
    /// <summary>A fact the edge also depends on, or that explains it (a public IP, a route to an internet gateway).</summary>
    [JsonStringEnumMemberName("context")] Context,
}
