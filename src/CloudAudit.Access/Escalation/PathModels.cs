using CloudAudit.Access.Principals;
using CloudAudit.Policy.Catalog;

namespace CloudAudit.Access.Escalation;

/// <summary>What a path does with its permissions; decides its targets and what the principal gains.</summary>
public enum PathShape
{
    /// <summary>The principal rewrites its own permissions (a policy it writes or attaches: administrator access).</summary>
    SelfEdit,
    /// <summary>A user joins another group and gains that group's policies.</summary>
    JoinGroup,
    /// <summary>The principal grants another user or role administrator access, then acts as it.</summary>
    EditOther,
    /// <summary>The principal obtains another user's or role's credentials as they are.</summary>
    Become,
    /// <summary>The principal passes a role to a new compute resource and runs its own code as that role.</summary>
    PassToNew,
    /// <summary>The principal changes or drives an existing compute resource that runs as a role.</summary>
    HijackExisting,
    /// <summary>The principal lifts a limit on itself or on a role it can assume: a Deny policy, a boundary, an older policy version.</summary>
    LiftLimit,
    /// <summary>A trust policy admits a party outside the account's principals (anyone, another account): no principal walks it.</summary>
    OutsideTrust,
}

/// <summary>Which limit a <see cref="PathShape.LiftLimit"/> path lifts.</summary>
public enum Limit
{
    /// <summary>An inline policy with a Deny statement is deleted.</summary>
    DenyInline,
    /// <summary>A managed policy with a Deny statement is detached.</summary>
    DenyManaged,
    /// <summary>The permissions boundary is deleted.</summary>
    Boundary,
    /// <summary>The permissions boundary is replaced by one that allows everything (AdministratorAccess).</summary>
    WiderBoundary,
    /// <summary>Another stored version of an attached customer managed policy becomes the default.</summary>
    OtherVersion,
}

/// <summary>Which resource a required permission is requested on.</summary>
public enum On
{
    /// <summary>The principal itself (its user or role ARN).</summary>
    Self,
    /// <summary>A group the user belongs to.</summary>
    OwnGroup,
    /// <summary>The target group (one the user does not belong to).</summary>
    TargetGroup,
    /// <summary>A customer managed policy attached to the principal or to its groups.</summary>
    OwnPolicy,
    TargetRole,
    TargetUser,
    /// <summary>A customer managed policy attached to the target role.</summary>
    TargetPolicy,
    /// <summary>sts:AssumeRole on the target role: its trust policy takes part in the decision.</summary>
    AssumeTarget,
    /// <summary>iam:PassRole on the target role, with iam:PassedToService set to the path's service.</summary>
    PassedRole,
    /// <summary>A resource the principal creates and names (any name its policies allow).</summary>
    NewResource,
    /// <summary>An existing resource that runs as the target role.</summary>
    ExistingResource,
    /// <summary>An action without resource-level permissions ("*").</summary>
    Any,
}

/// <summary>Where the roles of existing compute resources come from.</summary>
public enum ExistingSource
{
    /// <summary>Roles the service may assume (the scan does not list every instance, stack or project).</summary>
    RolesTrustingService,
    /// <summary>The account's Lambda functions and their execution roles (ListFunctions, every scanned region).</summary>
    LambdaFunctions,
}

/// <summary>One required permission and the resource it is requested on; a resource type picks among the action's types.</summary>
public sealed record PathStep(string Action, On On, string? ResourceType = null)
{
    /// <summary>The action as the IAM catalogue knows it.</summary>
    public ActionInfo Info { get; } = IamCatalog.Default.FindAction(Action) ?? throw new ArgumentException($"{Action} is not in the IAM catalogue", nameof(Action));
}

/// <summary>cloud-audit's model of one catalogue path: how each permission is requested and what it yields.</summary>
public sealed record PathModel(string Id, PathShape Shape, IReadOnlyList<PathStep> Steps)
{
    /// <summary>For PassToNew and HijackExisting: the service principal the role must trust.</summary>
    public string? Service { get; init; }
    /// <summary>EC2 runs only roles held by an instance profile.</summary>
    public bool NeedsInstanceProfile { get; init; }
    public ExistingSource Existing { get; init; } = ExistingSource.RolesTrustingService;
    /// <summary>Only principals of this kind can take the path (a role cannot put a user policy on itself).</summary>
    public IamEntityKind? Actor { get; init; }
    /// <summary>For LiftLimit: what is lifted.</summary>
    public Limit? Lifts { get; init; }
    /// <summary>The role is assumed by a web identity of <see cref="Service"/> (Cognito), not by the service itself.</summary>
    public bool FederatedTrust { get; init; }

    public EscalationPath Catalogue => PathCatalog.Get(Id);

    /// <summary>The kind of entity the path reaches, when it reaches one.</summary>
    public IamEntityKind? TargetKind => Shape switch
    {
        PathShape.JoinGroup => IamEntityKind.Group,
        PathShape.PassToNew or PathShape.HijackExisting => IamEntityKind.Role,
        PathShape.EditOther or PathShape.Become => Steps.Any(s => s.On == On.TargetUser) ? IamEntityKind.User : IamEntityKind.Role,
        PathShape.LiftLimit when Steps.Any(s => s.On == On.AssumeTarget) => IamEntityKind.Role,
        _ => null,
    };

    /// <summary>Whether the path acts on the principal itself (rather than on another principal it then becomes).</summary>
    public bool OnSelf => Steps.All(s => s.On is not (On.TargetRole or On.TargetUser or On.TargetGroup or On.TargetPolicy or On.AssumeTarget));

    /// <summary>The step whose permission the fix denies: passing the role for PassRole paths, the first otherwise.</summary>
    public PathStep Breaker => Steps.FirstOrDefault(s => s.On == On.PassedRole) ?? Steps[0];
}

/// <summary>
/// The model of every catalogue path, pathfinding.cloud's and cloud-audit's own. A test keeps it in step with the
/// catalogue's required permissions.
/// </summary>
public static class PathModels
{
    private const string Ec2 = "ec2.amazonaws.com";
    private const string Lambda = "lambda.amazonaws.com";
    private const string CloudFormation = "cloudformation.amazonaws.com";
    private const string CodeBuild = "codebuild.amazonaws.com";
    private const string Glue = "glue.amazonaws.com";
    private const string SageMaker = "sagemaker.amazonaws.com";
    private const string EcsTasks = "ecs-tasks.amazonaws.com";
    private const string AppRunner = "tasks.apprunner.amazonaws.com";
    private const string AgentCore = "bedrock-agentcore.amazonaws.com";
    private const string DataPipeline = "datapipeline.amazonaws.com";
    private const string Braket = "braket.amazonaws.com";
    private const string CognitoIdentity = "cognito-identity.amazonaws.com";
    private const string EmrServerless = "emr-serverless.amazonaws.com";
    private const string GameLift = "gamelift.amazonaws.com";
    private const string KinesisAnalytics = "kinesisanalytics.amazonaws.com";
    private const string Omics = "omics.amazonaws.com";
    private const string Ssm = "ssm.amazonaws.com";
    private const string StepFunctions = "states.amazonaws.com";

    public static readonly IReadOnlyList<PathModel> All =
    [
        // Self-escalation: the principal writes or attaches its own policy.
        Self("iam-001", null, S("iam:CreatePolicyVersion", On.OwnPolicy)),
        Self("iam-005", IamEntityKind.Role, S("iam:PutRolePolicy", On.Self)),
        Self("iam-007", IamEntityKind.User, S("iam:PutUserPolicy", On.Self)),
        Self("iam-008", IamEntityKind.User, S("iam:AttachUserPolicy", On.Self)),
        Self("iam-009", IamEntityKind.Role, S("iam:AttachRolePolicy", On.Self)),
        Self("iam-010", IamEntityKind.User, S("iam:AttachGroupPolicy", On.OwnGroup)),
        Self("iam-011", IamEntityKind.User, S("iam:PutGroupPolicy", On.OwnGroup)),
        new("iam-013", PathShape.JoinGroup, [S("iam:AddUserToGroup", On.TargetGroup)]) { Actor = IamEntityKind.User },

        // A limit lifted: a Deny policy removed, a boundary removed or widened, an older policy version restored.
        Lift("ca-iam-001", Limit.OtherVersion, null, S("iam:SetDefaultPolicyVersion", On.OwnPolicy)),
        Lift("ca-iam-002", Limit.DenyInline, IamEntityKind.User, S("iam:DeleteUserPolicy", On.Self)),
        Lift("ca-iam-003", Limit.DenyManaged, IamEntityKind.User, S("iam:DetachUserPolicy", On.Self)),
        Lift("ca-iam-004", Limit.DenyInline, IamEntityKind.Role, S("iam:DeleteRolePolicy", On.Self)),
        Lift("ca-iam-005", Limit.DenyManaged, IamEntityKind.Role, S("iam:DetachRolePolicy", On.Self)),
        Lift("ca-iam-006", Limit.DenyInline, null, S("iam:DeleteRolePolicy", On.TargetRole), S("sts:AssumeRole", On.AssumeTarget)),
        Lift("ca-iam-007", Limit.DenyManaged, null, S("iam:DetachRolePolicy", On.TargetRole), S("sts:AssumeRole", On.AssumeTarget)),
        Lift("ca-iam-008", Limit.Boundary, IamEntityKind.User, S("iam:DeleteUserPermissionsBoundary", On.Self)),
        Lift("ca-iam-009", Limit.Boundary, IamEntityKind.Role, S("iam:DeleteRolePermissionsBoundary", On.Self)),
        Lift("ca-iam-010", Limit.Boundary, null, S("iam:DeleteRolePermissionsBoundary", On.TargetRole), S("sts:AssumeRole", On.AssumeTarget)),
        Lift("ca-iam-011", Limit.WiderBoundary, IamEntityKind.User, S("iam:PutUserPermissionsBoundary", On.Self)),
        Lift("ca-iam-012", Limit.WiderBoundary, IamEntityKind.Role, S("iam:PutRolePermissionsBoundary", On.Self)),

        // Another principal made administrator, then used.
        Other("iam-014", S("iam:AttachRolePolicy", On.TargetRole), S("sts:AssumeRole", On.AssumeTarget)),
        Other("iam-015", S("iam:AttachUserPolicy", On.TargetUser), S("iam:CreateAccessKey", On.TargetUser)),
        Other("iam-016", S("iam:CreatePolicyVersion", On.TargetPolicy), S("sts:AssumeRole", On.AssumeTarget)),
        Other("iam-017", S("iam:PutRolePolicy", On.TargetRole), S("sts:AssumeRole", On.AssumeTarget)),
        Other("iam-018", S("iam:PutUserPolicy", On.TargetUser), S("iam:CreateAccessKey", On.TargetUser)),
        Other("iam-019", S("iam:AttachRolePolicy", On.TargetRole), S("iam:UpdateAssumeRolePolicy", On.TargetRole)),
        Other("iam-020", S("iam:CreatePolicyVersion", On.TargetPolicy), S("iam:UpdateAssumeRolePolicy", On.TargetRole)),
        Other("iam-021", S("iam:PutRolePolicy", On.TargetRole), S("iam:UpdateAssumeRolePolicy", On.TargetRole)),

        // Another principal's credentials, as they are.
        Become("sts-001", S("sts:AssumeRole", On.AssumeTarget)),
        Become("iam-012", S("iam:UpdateAssumeRolePolicy", On.TargetRole)),
        Become("iam-002", S("iam:CreateAccessKey", On.TargetUser)),
        Become("iam-003", S("iam:CreateAccessKey", On.TargetUser), S("iam:DeleteAccessKey", On.TargetUser)),
        Become("iam-004", S("iam:CreateLoginProfile", On.TargetUser)),
        Become("iam-006", S("iam:UpdateLoginProfile", On.TargetUser)),

        // A role passed to new compute that runs the principal's code.
        Pass("apprunner-001", AppRunner, S("apprunner:CreateService", On.NewResource, "service")),
        Pass("batch-001", EcsTasks, S("batch:RegisterJobDefinition", On.NewResource, "job-definition"), S("batch:SubmitJob", On.NewResource, "job-queue")),
        Pass("batch-003", EcsTasks, S("batch:CreateComputeEnvironment", On.NewResource, "compute-environment"),
            S("batch:CreateJobQueue", On.NewResource, "job-queue"), S("batch:RegisterJobDefinition", On.NewResource, "job-definition"),
            S("batch:SubmitJob", On.NewResource, "job-queue")),
        Pass("bedrock-001", AgentCore, S("bedrock-agentcore:CreateCodeInterpreter", On.Any),
            S("bedrock-agentcore:StartCodeInterpreterSession", On.NewResource, "code-interpreter-custom"),
            S("bedrock-agentcore:InvokeCodeInterpreter", On.NewResource, "code-interpreter-custom")),
        Pass("bedrock-003", AgentCore, S("bedrock-agentcore:CreateAgentRuntime", On.Any),
            S("bedrock-agentcore:CreateAgentRuntimeEndpoint", On.NewResource, "runtime"),
            S("bedrock-agentcore:CreateWorkloadIdentity", On.NewResource, "workload-identity"),
            S("bedrock-agentcore:InvokeAgentRuntimeCommand", On.NewResource, "runtime")),
        Pass("bedrock-005", AgentCore, S("bedrock-agentcore:CreateHarness", On.Any), S("bedrock-agentcore:CreateAgentRuntime", On.Any),
            S("bedrock-agentcore:CreateAgentRuntimeEndpoint", On.NewResource, "runtime"),
            S("bedrock-agentcore:CreateWorkloadIdentity", On.NewResource, "workload-identity"),
            S("bedrock-agentcore:GetAgentRuntime", On.NewResource, "runtime"), S("bedrock-agentcore:GetHarness", On.NewResource, "harness"),
            S("bedrock-agentcore:InvokeAgentRuntimeCommand", On.NewResource, "runtime")),
        Pass("bedrock-006", AgentCore, S("bedrock-agentcore:CreateBrowser", On.Any),
            S("bedrock-agentcore:StartBrowserSession", On.NewResource, "browser-custom"),
            S("bedrock-agentcore:ConnectBrowserAutomationStream", On.Any)),
        Pass("braket-001", Braket, S("braket:CreateJob", On.NewResource, "job")),
        Pass("cloudformation-001", CloudFormation, S("cloudformation:CreateStack", On.NewResource, "stack")),
        Pass("cloudformation-003", CloudFormation, S("cloudformation:CreateStackSet", On.Any),
            S("cloudformation:CreateStackInstances", On.NewResource, "stackset")),
        Pass("cloudformation-004", CloudFormation, S("cloudformation:UpdateStackSet", On.NewResource, "stackset")),
        Pass("codebuild-001", CodeBuild, S("codebuild:CreateProject", On.NewResource, "project"), S("codebuild:StartBuild", On.NewResource, "project")),
        Pass("codebuild-004", CodeBuild, S("codebuild:CreateProject", On.NewResource, "project"), S("codebuild:StartBuildBatch", On.NewResource, "project")),
        Pass("cognitoidentity-001", CognitoIdentity, S("cognito-identity:SetIdentityPoolRoles", On.Any)) with { FederatedTrust = true },
        Pass("datapipeline-001", DataPipeline, S("datapipeline:CreatePipeline", On.Any),
            S("datapipeline:PutPipelineDefinition", On.NewResource, "pipeline"), S("datapipeline:ActivatePipeline", On.NewResource, "pipeline")),
        Pass("ec2-001", Ec2, S("ec2:RunInstances", On.NewResource, "instance")) with { NeedsInstanceProfile = true },
        Pass("ec2-003", Ec2, S("ec2:RequestSpotInstances", On.NewResource, "spot-instances-request")) with { NeedsInstanceProfile = true },
        Pass("ecs-001", EcsTasks, S("ecs:CreateCluster", On.NewResource, "cluster"), S("ecs:RegisterTaskDefinition", On.NewResource, "task-definition"),
            S("ecs:CreateService", On.NewResource, "service")),
        Pass("ecs-002", EcsTasks, S("ecs:CreateCluster", On.NewResource, "cluster"), S("ecs:RegisterTaskDefinition", On.NewResource, "task-definition"),
            S("ecs:RunTask", On.NewResource, "task-definition")),
        Pass("ecs-003", EcsTasks, S("ecs:RegisterTaskDefinition", On.NewResource, "task-definition"), S("ecs:CreateService", On.NewResource, "service")),
        Pass("ecs-004", EcsTasks, S("ecs:RegisterTaskDefinition", On.NewResource, "task-definition"), S("ecs:RunTask", On.NewResource, "task-definition")),
        Pass("ecs-005", EcsTasks, S("ecs:RegisterTaskDefinition", On.NewResource, "task-definition"), S("ecs:StartTask", On.NewResource, "task-definition")),
        Pass("ecs-007", EcsTasks, S("ecs:RegisterContainerInstance", On.NewResource, "cluster"), S("ecs:StartTask", On.NewResource, "task-definition")),
        Pass("ecs-008", EcsTasks, S("ecs:RunTask", On.NewResource, "task-definition")),
        Pass("ecs-009", EcsTasks, S("ecs:StartTask", On.NewResource, "task-definition")),
        Pass("emr-001", Ec2, S("elasticmapreduce:RunJobFlow", On.Any)) with { NeedsInstanceProfile = true },
        Pass("emrserverless-001", EmrServerless, S("emr-serverless:CreateApplication", On.Any), S("emr-serverless:StartJobRun", On.NewResource, "application")),
        Pass("gamelift-001", GameLift, S("gamelift:CreateBuild", On.Any), S("gamelift:CreateFleet", On.Any),
            S("gamelift:RequestUploadCredentials", On.NewResource, "build")),
        Pass("glue-001", Glue, S("glue:CreateDevEndpoint", On.Any)),
        Pass("glue-003", Glue, S("glue:CreateJob", On.NewResource, "job"), S("glue:StartJobRun", On.NewResource, "job")),
        Pass("glue-004", Glue, S("glue:CreateJob", On.NewResource, "job"), S("glue:CreateTrigger", On.NewResource, "trigger")),
        Pass("glue-005", Glue, S("glue:UpdateJob", On.NewResource, "job"), S("glue:StartJobRun", On.NewResource, "job")),
        Pass("glue-006", Glue, S("glue:UpdateJob", On.NewResource, "job"), S("glue:CreateTrigger", On.NewResource, "trigger")),
        Pass("glue-007", Glue, S("glue:CreateSession", On.NewResource, "session"), S("glue:RunStatement", On.NewResource, "session")),
        Pass("imagebuilder-001", Ec2, S("imagebuilder:CreateComponent", On.NewResource, "component"),
            S("imagebuilder:CreateImageRecipe", On.NewResource, "imageRecipe"),
            S("imagebuilder:CreateInfrastructureConfiguration", On.NewResource, "infrastructureConfiguration"),
            S("imagebuilder:CreateImage", On.NewResource, "image")) with { NeedsInstanceProfile = true },
        Pass("kinesisanalytics-001", KinesisAnalytics, S("kinesisanalytics:CreateApplication", On.Any),
            S("kinesisanalytics:StartApplication", On.NewResource, "application")),
        Pass("lambda-001", Lambda, S("lambda:CreateFunction", On.NewResource, "function"), S("lambda:InvokeFunction", On.NewResource, "function")),
        Pass("lambda-002", Lambda, S("lambda:CreateFunction", On.NewResource, "function"), S("lambda:CreateEventSourceMapping", On.Any)),
        Pass("lambda-006", Lambda, S("lambda:CreateFunction", On.NewResource, "function"), S("lambda:AddPermission", On.NewResource, "function")),
        Pass("omics-001", Omics, S("omics:CreateWorkflow", On.Any), S("omics:StartRun", On.NewResource, "run"), S("s3:GetObject", On.NewResource, "object")),
        Pass("sagemaker-001", SageMaker, S("sagemaker:CreateNotebookInstance", On.NewResource, "notebook-instance")),
        Pass("sagemaker-002", SageMaker, S("sagemaker:CreateTrainingJob", On.NewResource, "training-job")),
        Pass("sagemaker-003", SageMaker, S("sagemaker:CreateProcessingJob", On.NewResource, "processing-job")),
        Pass("ssm-003", Ssm, S("ssm:CreateDocument", On.NewResource, "document"), S("ssm:StartAutomationExecution", On.NewResource, "document")),
        Pass("ca-states-001", StepFunctions, S("states:CreateStateMachine", On.NewResource, "statemachine"),
            S("states:StartExecution", On.NewResource, "statemachine")),

        // A role passed to an existing compute resource (or its instance profile) that the principal can run code on.
        Pass("ca-cloudformation-001", CloudFormation, S("cloudformation:UpdateStack", On.ExistingResource, "stack")),
        Pass("ca-ec2-001", Ec2, S("ec2:AssociateIamInstanceProfile", On.ExistingResource, "instance")) with { NeedsInstanceProfile = true },
        Pass("ca-ec2-002", Ec2, S("ec2:ReplaceIamInstanceProfileAssociation", On.ExistingResource, "instance")) with { NeedsInstanceProfile = true },
        Pass("ca-ecs-001", EcsTasks, S("ecs:RegisterTaskDefinition", On.NewResource, "task-definition"), S("ecs:UpdateService", On.ExistingResource, "service")),
        Pass("ca-iam-013", Ec2, S("iam:RemoveRoleFromInstanceProfile", On.ExistingResource, "instance-profile"),
            S("iam:AddRoleToInstanceProfile", On.ExistingResource, "instance-profile")),

        // Existing compute that runs as a role, changed or driven by the principal.
        Hijack("apprunner-002", AppRunner, S("apprunner:UpdateService", On.ExistingResource, "service")),
        Hijack("batch-002", EcsTasks, S("batch:SubmitJob", On.ExistingResource, "job-queue")),
        Hijack("bedrock-002", AgentCore, S("bedrock-agentcore:StartCodeInterpreterSession", On.ExistingResource, "code-interpreter-custom"),
            S("bedrock-agentcore:InvokeCodeInterpreter", On.ExistingResource, "code-interpreter-custom")),
        Hijack("bedrock-004", AgentCore, S("bedrock-agentcore:InvokeAgentRuntimeCommand", On.ExistingResource, "runtime")),
        Hijack("bedrock-007", AgentCore, S("bedrock-agentcore:StartBrowserSession", On.ExistingResource, "browser-custom"),
            S("bedrock-agentcore:ConnectBrowserAutomationStream", On.Any)),
        Hijack("cloudformation-002", CloudFormation, S("cloudformation:UpdateStack", On.ExistingResource, "stack")),
        Hijack("cloudformation-005", CloudFormation, S("cloudformation:CreateChangeSet", On.ExistingResource, "stack"),
            S("cloudformation:ExecuteChangeSet", On.ExistingResource, "stack")),
        Hijack("codebuild-002", CodeBuild, S("codebuild:StartBuild", On.ExistingResource, "project")),
        Hijack("codebuild-003", CodeBuild, S("codebuild:StartBuildBatch", On.ExistingResource, "project")),
        Hijack("codedeploy-001", Ec2, S("codedeploy:CreateDeployment", On.ExistingResource, "deploymentgroup"),
            S("codedeploy:RegisterApplicationRevision", On.ExistingResource, "application"),
            S("codedeploy:GetDeploymentConfig", On.ExistingResource, "deploymentconfig")) with { NeedsInstanceProfile = true },
        Hijack("ca-codebuild-001", CodeBuild, S("codebuild:UpdateProject", On.ExistingResource, "project"), S("codebuild:StartBuild", On.ExistingResource, "project")),
        Hijack("ec2-002", Ec2, S("ec2:ModifyInstanceAttribute", On.ExistingResource, "instance"), S("ec2:StopInstances", On.ExistingResource, "instance"),
            S("ec2:StartInstances", On.ExistingResource, "instance")) with { NeedsInstanceProfile = true },
        Hijack("ec2-004", Ec2, S("ec2:CreateLaunchTemplateVersion", On.ExistingResource, "launch-template"),
            S("ec2:ModifyLaunchTemplate", On.ExistingResource, "launch-template")) with { NeedsInstanceProfile = true },
        Hijack("ec2-005", Ec2, S("ec2:CreateLaunchTemplateVersion", On.ExistingResource, "launch-template"),
            S("ec2:ModifyLaunchTemplate", On.ExistingResource, "launch-template")) with { NeedsInstanceProfile = true },
        Hijack("ecs-006", EcsTasks, S("ecs:ExecuteCommand", On.ExistingResource, "task"), S("ecs:DescribeTasks", On.ExistingResource, "task")),
        Hijack("ec2instanceconnect-003", Ec2, S("ec2-instance-connect:SendSSHPublicKey", On.ExistingResource, "instance"),
            S("ec2:DescribeInstances", On.Any)) with { NeedsInstanceProfile = true },
        Hijack("glue-002", Glue, S("glue:UpdateDevEndpoint", On.ExistingResource, "devendpoint")),
        Hijack("lambda-003", Lambda, S("lambda:UpdateFunctionCode", On.ExistingResource, "function")) with { Existing = ExistingSource.LambdaFunctions },
        Hijack("lambda-004", Lambda, S("lambda:UpdateFunctionCode", On.ExistingResource, "function"),
            S("lambda:InvokeFunction", On.ExistingResource, "function")) with { Existing = ExistingSource.LambdaFunctions },
        Hijack("ca-lambda-001", Lambda, S("lambda:UpdateFunctionConfiguration", On.ExistingResource, "function")) with { Existing = ExistingSource.LambdaFunctions },
        Hijack("lambda-005", Lambda, S("lambda:UpdateFunctionCode", On.ExistingResource, "function"),
            S("lambda:AddPermission", On.ExistingResource, "function")) with { Existing = ExistingSource.LambdaFunctions },
        Hijack("sagemaker-004", SageMaker, S("sagemaker:CreatePresignedNotebookInstanceUrl", On.ExistingResource, "notebook-instance")),
        Hijack("sagemaker-005", SageMaker, S("sagemaker:CreateNotebookInstanceLifecycleConfig", On.NewResource, "notebook-instance-lifecycle-config"),
            S("sagemaker:StopNotebookInstance", On.ExistingResource, "notebook-instance"),
            S("sagemaker:UpdateNotebookInstance", On.ExistingResource, "notebook-instance"),
            S("sagemaker:StartNotebookInstance", On.ExistingResource, "notebook-instance")),
        Hijack("ssm-001", Ec2, S("ssm:StartSession", On.ExistingResource, "instance")) with { NeedsInstanceProfile = true },
        Hijack("ssm-002", Ec2, S("ssm:SendCommand", On.ExistingResource, "instance")) with { NeedsInstanceProfile = true },

        // Outside parties a trust policy admits: decided on the assume-role graph, not walked per principal.
        new("ca-sts-001", PathShape.OutsideTrust, [S("sts:AssumeRole", On.AssumeTarget)]),
        new("ca-sts-002", PathShape.OutsideTrust, [S("sts:AssumeRole", On.AssumeTarget)]),
    ];

    private static readonly Dictionary<string, PathModel> ById = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    /// <summary>Every model, each catalogue parent before the paths derived from it.</summary>
    public static readonly IReadOnlyList<PathModel> InParentOrder =
        [.. All.Where(m => m.Catalogue.Parent is null), .. All.Where(m => m.Catalogue.Parent is not null)];

    public static PathModel Get(string id) => ById[id];

    private static PathStep S(string action, On on, string? resourceType = null) => new(action, on, resourceType);

    private static PathModel Self(string id, IamEntityKind? actor, params PathStep[] steps) =>
        new(id, PathShape.SelfEdit, steps) { Actor = actor };

    private static PathModel Other(string id, params PathStep[] steps) => new(id, PathShape.EditOther, steps);

    private static PathModel Lift(string id, Limit limit, IamEntityKind? actor, params PathStep[] steps) =>
        new(id, PathShape.LiftLimit, steps) { Lifts = limit, Actor = actor };

    private static PathModel Become(string id, params PathStep[] steps) => new(id, PathShape.Become, steps);

    private static PathModel Pass(string id, string service, params PathStep[] steps) =>
        new(id, PathShape.PassToNew, [S("iam:PassRole", On.PassedRole), .. steps]) { Service = service };

    private static PathModel Hijack(string id, string service, params PathStep[] steps) =>
        new(id, PathShape.HijackExisting, steps) { Service = service };
}
