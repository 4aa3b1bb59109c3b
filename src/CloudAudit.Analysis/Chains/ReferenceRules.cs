using CloudAudit.Analysis.Graph;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Chains;

/// <summary>
/// The reference tool's 31 chain rules, with its IDs, names and severities, each decided on linked resources: the
/// exposed instance is the one whose role is an administrator, the MFA-less user is the one who holds the
/// administrative policy, the open security group is in the VPC without flow logs. Administrator means what the
/// policy engine says, not the name of a managed policy.
/// </summary>
public static class ReferenceRules
{

    private static readonly NodeType[] Instances = [NodeType.Ec2Instance];

    public static IReadOnlyList<ChainRule> All { get; } =
    [
        new ExposedWorkloadRule(ChainRuleInfo.Of("AC-01", "Internet-Exposed Admin Instance", Severity.Critical,
                "An EC2 instance the internet reaches (public address, public subnet, a security-group rule open to 0.0.0.0/0 that the network ACL lets through) runs as a role the policy engine finds to be an administrator.",
                new ChainFix("Restrict the security group to trusted sources", "aws-vpc-002", Effort.Low), ["T1190", "T1552.005", "T1078.004"], ["aws-vpc-002", "aws-iam-005"]),
            Instances, null, Reach.Administrator,
            (w, entry, r) => $"{w.Label} accepts traffic from the internet ({entry}). {r!.What}. Whoever gets code running on the instance, "
                + "through the exposed service or a stolen key, reads the role's credentials from the instance metadata service and controls the account."),

        new ExposedWorkloadRule(ChainRuleInfo.Of("AC-02", "SSRF to Credential Theft", Severity.Critical,
                "An EC2 instance the internet reaches answers IMDSv1 (aws-ec2-004) and has a role: a server-side request forgery in its application hands out the role's credentials.",
                new ChainFix("Require IMDSv2 on the instance", "aws-ec2-004", Effort.Low), ["T1190", "T1552.005"], ["aws-ec2-004", "aws-vpc-002"]),
            Instances, "aws-ec2-004", Reach.AnyRole,
            (w, entry, r) => $"{w.Label} accepts traffic from the internet ({entry}) and answers IMDSv1 requests; {r!.What}. "
                + "A server-side request forgery in anything it serves can fetch http://169.254.169.254/latest/meta-data/iam/security-credentials/ without a token and leak the role's keys."),

        new ExposedWorkloadRule(ChainRuleInfo.Of("AC-05", "Public Lambda with Admin Access", Severity.Critical,
                "A Lambda function anyone can invoke, by a URL that needs no authentication (aws-lambda-001) or through a public API Gateway route without authorization that integrates with it, runs as a role the policy engine finds to be an administrator.",
                new ChainFix("Require AWS_IAM (or a Cognito-backed authorizer) on the function URL or the API route", "aws-lambda-001", Effort.Medium), ["T1190", "T1078.004"], ["aws-lambda-001", "aws-iam-005"]),
            [NodeType.LambdaFunction], null, Reach.Administrator,
            (w, entry, r) => $"Anyone can invoke {w.Label} ({entry}). {r!.What}. A bug in the function, or an input it trusts, becomes administrator access to the account."),

        new NodeRule(ChainRuleInfo.Of("AC-07", "CI/CD to Admin Takeover", Severity.Critical,
                "A role that any subject of its OIDC provider can assume (aws-iam-007, e.g. any GitHub repository) is an administrator.",
                new ChainFix("Add a sub condition naming your repository and branch to the trust policy", "aws-iam-007", Effort.Low), ["T1078.004", "T1550.001"], ["aws-iam-007", "aws-iam-005"],
                supersededBy: "AC-36"),
            [NodeType.IamRole], (view, role) => OpenCiRole(view, role, Reach.Administrator(view, role), r =>
                $"{role.Label} trusts every identity its OIDC provider issues ({OidcDetail(view, role)}). {r.What}. Anyone who can run a workflow on that provider, in any repository, gets administrator credentials.")),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-09", "Unmonitored Admin Access", Severity.Critical,
                "In one account, the root user has no MFA (aws-iam-001) and CloudTrail does not record management events in every region (aws-ct-001).",
                new ChainFix("Enable a multi-region CloudTrail trail, then put MFA on the root user", "aws-ct-001", Effort.Low), ["T1078.004", "T1562.008"], ["aws-iam-001", "aws-ct-001"],
                supersededBy: "AC-10"),
            ChainScope.Account, [new("aws-iam-001", Within.Root), new("aws-ct-001", Within.Account)],
            (a, f) => $"The root user of {a.Label} signs in with a password alone, and CloudTrail does not record every region: a guessed or phished root password gives full control, and what is done with it leaves no trail."),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-10", "Completely Blind Admin", Severity.Critical,
                "In one account, the root user has no MFA (aws-iam-001), CloudTrail does not cover every region (aws-ct-001) and GuardDuty is off in at least one region (aws-gd-001).",
                new ChainFix("Enable a multi-region CloudTrail trail", "aws-ct-001", Effort.Low), ["T1078.004", "T1562.008", "T1562.001"], ["aws-iam-001", "aws-ct-001", "aws-gd-001"]),
            ChainScope.Account, [new("aws-iam-001", Within.Root), new("aws-ct-001", Within.Account), new("aws-gd-001", Within.Account)],
            (a, f) => $"The root user of {a.Label} has no MFA, CloudTrail misses regions and GuardDuty is off in {Regions(f["aws-gd-001"])}: a root takeover would be neither recorded nor detected there."),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-11", "Zero Security Visibility", Severity.High,
                "In one region, GuardDuty is off (aws-gd-001) and AWS Config has no recorder (aws-cfg-001), while CloudTrail does not cover every region of the account (aws-ct-001).",
                new ChainFix("Enable a multi-region CloudTrail trail, then GuardDuty and AWS Config in the region", "aws-ct-001", Effort.Low), ["T1562.008", "T1562.001"], ["aws-ct-001", "aws-gd-001", "aws-cfg-001"],
                onePerAccount: true),
            ChainScope.Region, [new("aws-gd-001", Within.Region), new("aws-cfg-001", Within.Region), new("aws-ct-001", Within.Account)],
            (a, f) => $"In {a.Label} nothing watches: no GuardDuty detector, no Config recorder, and CloudTrail does not cover every region. An attacker working there changes resources with no record and no alert."),

        new NodeRule(ChainRuleInfo.Of("AC-12", "Admin Without MFA", Severity.Critical,
                "An IAM user that signs in to the console without MFA (aws-iam-002) is itself an administrator, by its own or its groups' policies as the engine evaluates them.",
                new ChainFix("Require MFA for the user (or remove its console password)", "aws-iam-002", Effort.Low), ["T1078.004", "T1110"], ["aws-iam-002", "aws-iam-005"],
                supersededBy: "AC-26"),
            [NodeType.IamUser], (view, user) => MfaLessAdmin(view, user, null)),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-13", "Wide Open and Unmonitored Network", Severity.High,
                "A VPC without active flow logs (aws-vpc-003) holds a security group with a critical internet-open rule (aws-vpc-002).",
                new ChainFix("Restrict the security group to trusted sources", "aws-vpc-002", Effort.Low), ["T1190", "T1562.008"], ["aws-vpc-002", "aws-vpc-003"]),
            ChainScope.Vpc, [new("aws-vpc-003", Within.Anchor), new("aws-vpc-002", Within.Inside, Severity.Critical)],
            (a, f) => $"{a.Label} has security groups open to the internet on administration or database ports ({Holders(f["aws-vpc-002"])}) and records no flow logs: probing and break-ins leave no network record."),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-14", "No Network Security Layers", Severity.High,
                "In one VPC without flow logs (aws-vpc-003), a network ACL admits SSH or RDP from the internet (aws-vpc-004) and a security group is open to the internet (aws-vpc-002).",
                new ChainFix("Restrict the security group to trusted sources", "aws-vpc-002", Effort.Low), ["T1190", "T1562.008"], ["aws-vpc-004", "aws-vpc-002", "aws-vpc-003"]),
            ChainScope.Vpc, [new("aws-vpc-003", Within.Anchor), new("aws-vpc-004", Within.Inside), new("aws-vpc-002", Within.Inside)],
            (a, f) => $"In {a.Label} neither layer holds: the network ACL ({Holders(f["aws-vpc-004"])}) and a security group ({Holders(f["aws-vpc-002"])}) both admit the internet, and no flow log records the traffic."),

        new NodeRule(ChainRuleInfo.Of("AC-17", "Exposed Database Without Audit Trail", Severity.Critical,
                "One RDS instance is publicly accessible (aws-rds-001) and stores its data unencrypted (aws-rds-002), in an account whose CloudTrail does not cover every region (aws-ct-001).",
                new ChainFix("Turn off public accessibility of the DB instance", "aws-rds-001", Effort.Low), ["T1190", "T1530", "T1562.008"], ["aws-rds-001", "aws-rds-002", "aws-ct-001"]),
            [NodeType.RdsInstance], (view, db) =>
            {
                var trail = view.InAccount(db.AccountId, "aws-ct-001");
                if (!view.Has(db, "aws-rds-001") || !view.Has(db, "aws-rds-002") || trail.Count == 0) return null;
                return new ChainMatch(db, [db], Steps.Findings(view.Findings(db, "aws-rds-001"), view.Findings(db, "aws-rds-002"), trail),
                    $"{db.Label} has a public endpoint and unencrypted storage, and CloudTrail does not record every region: a leaked password or an engine flaw exposes the data, and copying it out leaves no API trail.",
                    [Steps.Internet, Steps.Of(db, "public endpoint"), Steps.Finding("aws-rds-002", "unencrypted storage", "stores"), Steps.Impact("Data theft", "unrecorded", "leads to")]);
            }),

        new NodeRule(ChainRuleInfo.Of("AC-19", "Container Breakout Path", Severity.Critical,
                "An ECS service with ECS Exec enabled (aws-ecs-003) runs a task definition with a privileged container (aws-ecs-001).",
                new ChainFix("Remove privileged mode from the task definition", "aws-ecs-001", Effort.Medium), ["T1611", "T1059"], ["aws-ecs-001", "aws-ecs-003"]),
            [NodeType.EcsService], (view, service) => ExecIntoTask(view, service, "aws-ecs-001",
                (task) => $"{service.Label} lets anyone allowed ecs:ExecuteCommand open a shell in its containers, and its task definition {task.Label} runs a privileged container: from that shell, the host and every task on it are one step away.")),

        new NodeRule(ChainRuleInfo.Of("AC-20", "Unmonitored Container Access", Severity.High,
                "An ECS service with ECS Exec enabled (aws-ecs-003) runs a task definition whose containers send no logs (aws-ecs-002).",
                new ChainFix("Add a log configuration to the task definition's containers", "aws-ecs-002", Effort.Low), ["T1059", "T1562.008"], ["aws-ecs-002", "aws-ecs-003"]),
            [NodeType.EcsService], (view, service) => ExecIntoTask(view, service, "aws-ecs-002",
                (task) => $"{service.Label} accepts interactive shells (ECS Exec) into containers of {task.Label}, which log nothing: what is done in them leaves no record.")),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-21", "Secrets in Plaintext Across Services", Severity.High,
                "In one region, secret-named SSM parameters are plain String (aws-ssm-002) and Lambda functions hold secrets in environment variables (aws-lambda-003).",
                new ChainFix("Store the parameters as SecureString", "aws-ssm-002", Effort.Low), ["T1552.001"], ["aws-ssm-002", "aws-lambda-003"], onePerAccount: true),
            ChainScope.Region, [new("aws-ssm-002", Within.Inside), new("aws-lambda-003", Within.Inside)],
            (a, f) => $"In {a.Label}, secrets sit in plain text in two services: SSM parameters ({Holders(f["aws-ssm-002"])}) and Lambda environments ({Holders(f["aws-lambda-003"])}). Read-only access to either (ssm:GetParameter, lambda:GetFunctionConfiguration) is enough to collect them."),

        new NodeRule(ChainRuleInfo.Of("AC-23", "CI/CD Data Exfiltration", Severity.High,
                "A role any subject of its OIDC provider can assume (aws-iam-007), not an administrator, may read objects of S3 buckets (s3:GetObject, as the engine decides with the bucket policy); a bucket whose policy already lets anyone read it does not count.",
                new ChainFix("Add a sub condition naming your repository and branch to the trust policy", "aws-iam-007", Effort.Low), ["T1078.004", "T1530"], ["aws-iam-007"]),
            [NodeType.IamRole], (view, role) => OpenCiRole(view, role, Reach.Data(EdgeType.CanRead, "read", NodeType.S3Bucket)(view, role), r =>
                $"{role.Label} trusts every identity its OIDC provider issues ({OidcDetail(view, role)}), and {r.What}: a workflow in anyone's repository can copy the data out.")),

        new NodeRule(ChainRuleInfo.Of("AC-24", "CI/CD Lateral Movement", Severity.High,
                "A role any subject of its OIDC provider can assume (aws-iam-007), not an administrator, may run commands or code on existing workloads (ssm:SendCommand, ssm:StartSession, lambda:UpdateFunctionCode).",
                new ChainFix("Add a sub condition naming your repository and branch to the trust policy", "aws-iam-007", Effort.Low), ["T1078.004", "T1021"], ["aws-iam-007"]),
            [NodeType.IamRole], (view, role) => OpenCiRole(view, role, Reach.Data(EdgeType.CanControl, "run code on", NodeType.Ec2Instance, NodeType.LambdaFunction)(view, role), r =>
                $"{role.Label} trusts every identity its OIDC provider issues ({OidcDetail(view, role)}), and {r.What}: a workflow in anyone's repository moves onto those workloads and acts with their roles.")),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-25", "Root Access Keys Without Audit Trail", Severity.Critical,
                "In one account, the root user has access keys (aws-iam-008) and CloudTrail does not cover every region (aws-ct-001).",
                new ChainFix("Delete the root user's access keys", "aws-iam-008", Effort.Low), ["T1078.004", "T1562.008"], ["aws-iam-008", "aws-ct-001"]),
            ChainScope.Account, [new("aws-iam-008", Within.Root), new("aws-ct-001", Within.Account)],
            (a, f) => $"The root user of {a.Label} has long-lived access keys, which no policy can limit, and CloudTrail does not cover every region: a leaked key is full control that leaves no trail."),

        new NodeRule(ChainRuleInfo.Of("AC-26", "Unmonitored Admin Escalation Path", Severity.Critical,
                "An IAM user without MFA (aws-iam-002) is an administrator, and the account has no alarm on root or privileged activity (aws-cw-001).",
                new ChainFix("Require MFA for the user (or remove its console password)", "aws-iam-002", Effort.Low), ["T1078.004", "T1110", "T1562.008"], ["aws-iam-005", "aws-iam-002", "aws-cw-001"]),
            [NodeType.IamUser], (view, user) => view.InAccount(user.AccountId, "aws-cw-001") is { Count: > 0 } alarm ? MfaLessAdmin(view, user, alarm) : null),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-27", "Default Network Access Without Logging", Severity.High,
                "A VPC without flow logs (aws-vpc-003) has a default security group with rules (aws-vpc-005).",
                new ChainFix("Remove every rule from the default security group", "aws-vpc-005", Effort.Low), ["T1190", "T1562.008"], ["aws-vpc-005", "aws-vpc-003"]),
            ChainScope.Vpc, [new("aws-vpc-003", Within.Anchor), new("aws-vpc-005", Within.Inside)],
            (a, f) => $"In {a.Label} the default security group has rules, so anything launched without a group of its own is reachable, and no flow log records the traffic."),

        new NodeRule(ChainRuleInfo.Of("AC-28", "External Access Without Analysis", Severity.High,
                "A role any subject of its OIDC provider can assume (aws-iam-007), in an account where IAM Access Analyzer is not enabled (aws-iam-012).",
                new ChainFix("Enable IAM Access Analyzer, and add a sub condition to the trust policy", "aws-iam-007", Effort.Low), ["T1078.004", "T1550.001"], ["aws-iam-007", "aws-iam-012"]),
            [NodeType.IamRole], (view, role) =>
            {
                if (!view.Has(role, "aws-iam-007") || view.InAccount(role.AccountId, "aws-iam-012") is not { Count: > 0 } analyzer) return null;
                return new ChainMatch(role, [role], Steps.Findings(view.Findings(role, "aws-iam-007"), analyzer),
                    $"{role.Label} can be assumed from outside ({OidcDetail(view, role)}), and no IAM Access Analyzer is there to report such external access: it stays unnoticed.",
                    [Steps.Internet, Steps.Of(role, "AssumeRoleWithWebIdentity"), Steps.Finding("aws-iam-012", "no Access Analyzer", "unnoticed"), Steps.Impact("External access", "unreviewed", "leads to")]);
            }),

        new ExposedWorkloadRule(ChainRuleInfo.Of("AC-29", "Unpatched Instance Exposed to Internet", Severity.Critical,
                "An EC2 instance the internet reaches has missing patches or no patch data (aws-ssm-003).",
                new ChainFix("Restrict the security group to trusted sources", "aws-vpc-002", Effort.Low), ["T1190", "T1203"], ["aws-ssm-003", "aws-vpc-002"]),
            Instances, "aws-ssm-003", null,
            (w, entry, r) => $"{w.Label} accepts traffic from the internet ({entry}) and is missing patches: a published exploit for what it runs is all an attacker needs."),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-30", "Unpatched Instances Without Vulnerability Scanning", Severity.High,
                "In one region, instances miss patches (aws-ssm-003) and Amazon Inspector is not enabled (aws-inspector-001).",
                new ChainFix("Enable Amazon Inspector in the region", "aws-inspector-001", Effort.Low), ["T1203", "T1562.001"], ["aws-ssm-003", "aws-inspector-001"], onePerAccount: true),
            ChainScope.Region, [new("aws-ssm-003", Within.Inside), new("aws-inspector-001", Within.Region)],
            (a, f) => $"In {a.Label}, instances miss patches ({Holders(f["aws-ssm-003"])}) and Inspector is off, so nobody learns which of their vulnerabilities are exploitable."),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-31", "Internet-Exposed Without WAF or Flow Logs", Severity.High,
                "A VPC without flow logs (aws-vpc-003) holds an internet-open security group (aws-vpc-002), in a region whose internet-facing endpoints have no WAF web ACL (aws-waf-001).",
                new ChainFix("Put the internet-facing endpoints behind a WAF web ACL with AWS managed rules", "aws-waf-001", Effort.Medium), ["T1190", "T1562.008", "T1595"], ["aws-waf-001", "aws-vpc-002", "aws-vpc-003"]),
            ChainScope.Vpc, [new("aws-vpc-003", Within.Anchor), new("aws-vpc-002", Within.Inside), new("aws-waf-001", Within.Region)],
            (a, f) => $"{a.Label} is open to the internet ({Holders(f["aws-vpc-002"])}), its region's public endpoints have no WAF, and no flow log records traffic: scanning and exploitation meet no filter and leave no record."),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-32", "CloudTrail Blind Spot – Alarms Non-Functional", Severity.High,
                "In one account, no trail delivers to CloudWatch Logs (aws-ct-008), so the root-usage alarm cannot work (aws-cw-001).",
                new ChainFix("Deliver the multi-region trail to CloudWatch Logs", "aws-ct-008", Effort.Medium), ["T1562.008", "T1078.004"], ["aws-ct-008", "aws-cw-001"]),
            ChainScope.Account, [new("aws-ct-008", Within.Account), new("aws-cw-001", Within.Account)],
            (a, f) => $"{a.Label} records API calls, but no trail feeds CloudWatch Logs, so the CIS alarms (root use, IAM changes, console sign-in without MFA …) can never fire."),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-33", "All-Public VPC Without Network Segmentation", Severity.High,
                "A VPC whose subnets are all public (aws-vpc-006) and that has no flow logs (aws-vpc-003) holds an internet-open security group (aws-vpc-002).",
                new ChainFix("Add private subnets and move internal workloads into them", "aws-vpc-006", Effort.Medium), ["T1190", "T1021", "T1562.008"], ["aws-vpc-006", "aws-vpc-002", "aws-vpc-003"]),
            ChainScope.Vpc, [new("aws-vpc-006", Within.Anchor), new("aws-vpc-003", Within.Anchor), new("aws-vpc-002", Within.Inside)],
            (a, f) => $"{a.Label} has no private tier, an internet-open security group ({Holders(f["aws-vpc-002"])}) and no flow logs: a foothold anywhere in it reaches everything else in it, unrecorded."),

        new NodeRule(ChainRuleInfo.Of("AC-34", "PassRole Escalation to Admin", Severity.Critical,
                "A principal can pass a role to new compute it controls (an aws-iam-018 path of the iam:PassRole kind) and so run code as an administrator.",
                new ChainFix("Scope iam:PassRole to the roles the principal must pass", "aws-iam-018", Effort.Medium), ["T1098.001", "T1078.004"], ["aws-iam-018"], bySubject: true),
            [NodeType.IamUser, NodeType.IamRole], (view, p) => EscalationOfKind(view, p, EscalationKinds.PassRole,
                "can pass an administrator role to compute it creates and run its own code there")),

        new NodeRule(ChainRuleInfo.Of("AC-35", "Self-Escalation to Admin", Severity.Critical,
                "A principal can rewrite its own permissions (an aws-iam-018 path that edits its own policies, group or policy versions) into administrator access.",
                new ChainFix("Remove IAM write permissions on the principal's own user, role, groups and policies", "aws-iam-018", Effort.Medium), ["T1098.001"], ["aws-iam-018"], bySubject: true),
            [NodeType.IamUser, NodeType.IamRole], (view, p) => EscalationOfKind(view, p, EscalationKinds.SelfEdit,
                "can write or attach a policy that grants itself every permission")),

        new NodeRule(ChainRuleInfo.Of("AC-36", "External Escalation via OIDC", Severity.Critical,
                "A role any subject of its OIDC provider can assume (aws-iam-007) can also escalate its privileges (aws-iam-018).",
                new ChainFix("Add a sub condition naming your repository and branch to the trust policy", "aws-iam-007", Effort.Low), ["T1078.004", "T1098.001"], ["aws-iam-007", "aws-iam-018"], bySubject: true),
            [NodeType.IamRole], (view, role) =>
            {
                if (!view.Has(role, "aws-iam-007") || !view.Has(role, "aws-iam-018")) return null;
                var paths = view.Findings(role, "aws-iam-018").ToList();
                return new ChainMatch(role, [role], Steps.Findings(view.Findings(role, "aws-iam-007"), paths),
                    $"{role.Label} trusts every identity its OIDC provider issues ({OidcDetail(view, role)}) and can escalate ({string.Join(", ", paths.Select(PathOf))}): an outsider's workflow becomes whatever the role can make itself.",
                    [Steps.Internet, Steps.Of(role, "AssumeRoleWithWebIdentity"), Steps.Finding("aws-iam-018", string.Join(", ", paths.Select(PathOf)), "escalate"), Steps.Impact("Privilege escalation", role.Label, "leads to")])
                { Subject = Name(role) };
            }),

        new NodeRule(ChainRuleInfo.Of("AC-37", "AI Model Theft via SageMaker", Severity.Critical,
                "One SageMaker notebook instance gives its users root (aws-sagemaker-001) and has direct internet access (aws-sagemaker-002).",
                new ChainFix("Turn off root access and direct internet access on the notebook", "aws-sagemaker-002", Effort.Medium), ["T1530"], ["aws-sagemaker-001", "aws-sagemaker-002"]),
            [NodeType.SageMakerNotebook], (view, nb) =>
            {
                if (!view.Has(nb, "aws-sagemaker-001") || !view.Has(nb, "aws-sagemaker-002")) return null;
                var role = view.Targets(nb, EdgeType.RunsAs).FirstOrDefault();
                return new ChainMatch(nb, role is null ? [nb] : [nb, role], Steps.Findings(view.Findings(nb, "aws-sagemaker-001"), view.Findings(nb, "aws-sagemaker-002")),
                    $"{nb.Label} gives its users root and a direct route to the internet{(role is null ? "" : $", and runs as {role.Label}")}: models, training data and the role's credentials can be copied out with nothing in between.",
                    [Steps.Of(nb, ""), Steps.Finding("aws-sagemaker-001", "root access", "has"), Steps.Internet with { EdgeLabel = "direct internet" }, Steps.Impact("Model and data theft", nb.Label, "leads to")]);
            }),

        new ScopedFindingsRule(ChainRuleInfo.Of("AC-38", "LLMjacking – Unauthorized Model Usage", Severity.High,
                "In one region, Bedrock model invocation logging is off (aws-bedrock-001); Bedrock without guardrails there (aws-bedrock-002) is added to the chain.",
                new ChainFix("Turn on Bedrock model invocation logging", "aws-bedrock-001", Effort.Low), ["T1496"], ["aws-bedrock-001", "aws-bedrock-002"], onePerAccount: true),
            ChainScope.Region, [new("aws-bedrock-001", Within.Region), new("aws-bedrock-002", Within.Region, Optional: true)],
            (a, f) => $"In {a.Label} nobody records Bedrock model invocations{(f.ContainsKey("aws-bedrock-002") ? ", and no guardrail filters them" : "")}: stolen credentials can run models at the account's expense unnoticed."),

        new NodeRule(ChainRuleInfo.Of("AC-39", "AI Data Poisoning via Unguarded Pipeline", Severity.High,
                "A SageMaker notebook gives root access (aws-sagemaker-001) and runs as a role the policy engine allows to invoke Bedrock models (bedrock:InvokeModel or InvokeModelWithResponseStream) in a region where Bedrock has no guardrails (aws-bedrock-002); a role whose permissions could not be read is a gap of the graph.",
                new ChainFix("Turn off root access on the notebook, and add Bedrock guardrails", "aws-sagemaker-001", Effort.Medium), ["T1565"], ["aws-sagemaker-001", "aws-bedrock-002"], onePerAccount: true),
            [NodeType.SageMakerNotebook], UnguardedModels),
    ];

    // --- shared matches -------------------------------------------------------------------------------------------

    /// <summary>AC-39: the notebook with root runs as a role that may call Bedrock models where no guardrail filters them.</summary>
    private static ChainMatch? UnguardedModels(GraphView view, GraphNode notebook)
    {
        if (!view.Has(notebook, "aws-sagemaker-001")) return null;
        foreach (var role in view.Targets(notebook, EdgeType.RunsAs))
            foreach (var invoke in view.Out(role, EdgeType.CanInvokeModel))
            {
                var region = view.Graph.Node(invoke.Target);
                var unguarded = view.Findings(region, "aws-bedrock-002").ToList();
                if (unguarded.Count == 0) continue;
                return new ChainMatch(notebook, [notebook, role, region], Steps.Findings(view.Findings(notebook, "aws-sagemaker-001"), unguarded),
                    $"{notebook.Label} gives its users root and runs as {role.Label}, which may call Bedrock models in {region.Label} ({Reach.Grants(view, invoke)}), "
                    + "where no guardrail filters them: whoever works in the notebook can change training data and pipelines and send what they like through the models unfiltered.",
                    [Steps.Of(notebook, ""), Steps.Finding("aws-sagemaker-001", "root access", "has"), Steps.Of(role, "runs as"),
                        Steps.Of(region, "bedrock:InvokeModel"), Steps.Finding("aws-bedrock-002", "no guardrails", "unfiltered"),
                        Steps.Impact("Data poisoning", region.Label, "leads to")]);
            }
        return null;
    }

    internal static ChainMatch? OpenCiRole(GraphView view, GraphNode role, RoleReach? reach, Func<RoleReach, string> story)
    {
        if (reach is null || !view.Has(role, "aws-iam-007")) return null;
        var provider = view.Sources(role, EdgeType.CanAssume).FirstOrDefault(s => s.Type == NodeType.OidcProvider);
        List<VizStep> steps = [Steps.Internet, .. provider is null ? [] : new[] { Steps.Of(provider, "any workflow") }, Steps.Of(role, "AssumeRoleWithWebIdentity"), .. reach.Steps];
        return new ChainMatch(role, [role, .. reach.Path], Steps.Findings(view.Findings(role, "aws-iam-007"), reach.Findings), story(reach), steps) { Subject = Name(role) };
    }

    internal static string OidcDetail(GraphView view, GraphNode role) =>
        view.In(role, EdgeType.CanAssume).Where(e => view.Graph.Node(e.Source).Type == NodeType.OidcProvider).Select(e => view.Graph.Node(e.Source).Label)
            .FirstOrDefault() ?? "an OIDC provider";

    internal static ChainMatch? MfaLessAdmin(GraphView view, GraphNode user, IReadOnlyList<FindingRef>? alarm)
    {
        if (!view.Has(user, "aws-iam-002") || Reach.Administrator(view, user) is not { } admin) return null;
        List<VizStep> steps = [Steps.Internet with { Sub = "console sign-in" }, Steps.Of(user, "password only"), .. admin.Steps];
        var story = $"{user.Label} signs in to the console with a password alone, and {admin.What}. A phished, reused or guessed password is the whole account."
            + (alarm is null ? "" : " No alarm watches root or privileged activity, so nobody would be told.");
        return new ChainMatch(user, [user], Steps.Findings(view.Findings(user, "aws-iam-002"), admin.Findings, alarm ?? []), story, steps) { Subject = Name(user) };
    }

    private static ChainMatch? ExecIntoTask(GraphView view, GraphNode service, string taskCheck, Func<GraphNode, string> story)
    {
        if (!view.Has(service, "aws-ecs-003")) return null;
        var task = view.Targets(service, EdgeType.RunsTask).FirstOrDefault(t => view.Has(t, taskCheck));
        if (task is null) return null;
        return new ChainMatch(service, [service, task], Steps.Findings(view.Findings(service, "aws-ecs-003"), view.Findings(task, taskCheck)), story(task),
            [Steps.Of(service, ""), Steps.Of(task, "ECS Exec shell"), Steps.Finding(taskCheck, task.Label, "runs"), Steps.Impact(taskCheck == "aws-ecs-001" ? "Host takeover" : "Unrecorded access", service.Label, "leads to")]);
    }

    private static ChainMatch? EscalationOfKind(GraphView view, GraphNode principal, IReadOnlySet<string> paths, string how)
    {
        var critical = view.Findings(principal, "aws-iam-018").Where(f => f.Severity == Severity.Critical && paths.Contains(PathOf(f))).ToList();
        if (critical.Count == 0) return null;
        return new ChainMatch(principal, [principal], critical,
            $"{principal.Label} {how} (paths {string.Join(", ", critical.Select(PathOf))}): anyone holding its credentials becomes an administrator.",
            [Steps.Of(principal, ""), Steps.Finding("aws-iam-018", string.Join(", ", critical.Select(PathOf)), "escalate"), Steps.Impact("Account takeover", $"account {principal.AccountId}", "admin")])
        { Subject = Name(principal) };
    }

    /// <summary>The path ID an aws-iam-018 finding reports ("principal-arn#iam-005" → iam-005).</summary>
    internal static string PathOf(FindingRef finding) => finding.ResourceId[(finding.ResourceId.LastIndexOf('#') + 1)..];

    internal static string Name(GraphNode node) => node.Label.Contains(' ', StringComparison.Ordinal) ? node.Label[(node.Label.IndexOf(' ', StringComparison.Ordinal) + 1)..] : node.Label;

    internal static string Holders(IReadOnlyList<(GraphNode Node, FindingRef Finding)> found) =>
        string.Join(", ", found.Select(x => x.Node.Label).Distinct().Take(3)) + (found.Select(x => x.Node.Id).Distinct().Count() > 3 ? ", …" : "");

    internal static string Regions(IReadOnlyList<(GraphNode Node, FindingRef Finding)> found) =>
        string.Join(", ", found.Select(x => x.Finding.Region).Distinct().Take(4));
}

/// <summary>The aws-iam-018 path IDs (pathfinding.cloud) of each escalation kind the reference names chains after.</summary>
public static class EscalationKinds
{
    /// <summary>Paths that pass a role to new compute.</summary>
    public static IReadOnlySet<string> PassRole { get; } = global::CloudAudit.Access.Escalation.PathModels.All
        .Where(p => p.Shape == global::CloudAudit.Access.Escalation.PathShape.PassToNew).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Paths where the principal edits its own policies.</summary>
    public static IReadOnlySet<string> SelfEdit { get; } = global::CloudAudit.Access.Escalation.PathModels.All
        .Where(p => p.Shape == global::CloudAudit.Access.Escalation.PathShape.SelfEdit).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
}
