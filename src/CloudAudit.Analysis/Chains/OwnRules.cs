using CloudAudit.Analysis.Graph;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Chains;

/// <summary>
/// cloud-audit's own chain rules (CA-NN): paths no other scanner follows because they need the whole graph: a
/// workload the internet reaches, through its role, to escalation, secrets, keys, data, other roles and other
/// workloads; CI roles and other accounts into administrator roles; AI agents through their tools.
/// </summary>
public static class OwnRules
{

    private static readonly NodeType[] Exposed = [.. Steps.Workloads];

    private static string Reached(GraphNode w, string entry, RoleReach? r) =>
        $"{w.Label} is reachable from the internet ({entry}), and {r!.What}.";

    public static IReadOnlyList<ChainRule> All { get; } =
    [
        new ExposedWorkloadRule(ChainRuleInfo.Of("CA-01", "Exposed Workload Can Escalate to Admin", Severity.Critical,
                "A workload the internet reaches runs as a role that is not an administrator but has an aws-iam-018 escalation path to administrator.",
                new ChainFix("Remove the permission that opens the escalation path from the workload's role", "aws-iam-018", Effort.Medium),
                ["T1190", "T1078.004", "T1098.001"], ["aws-iam-018"]),
            Exposed, null, Reach.EscalatesToAdmin,
            (w, entry, r) => Reached(w, entry, r) + " Code execution on the workload is one escalation away from controlling the account."),

        new ExposedWorkloadRule(ChainRuleInfo.Of("CA-02", "Exposed Workload Reads Secrets", Severity.High,
                "A workload the internet reaches runs as a role (not an administrator) that may read Secrets Manager secrets or SSM parameters, as the engine decides with the secrets' resource policies.",
                new ChainFix("Limit the role's secretsmanager:GetSecretValue and ssm:GetParameter to the secrets the workload uses", null, Effort.Medium),
                ["T1190", "T1552", "T1555.006"], []),
            Exposed, null, Reach.Data(EdgeType.CanRead, "read", NodeType.Secret, NodeType.SsmParameter),
            (w, entry, r) => Reached(w, entry, r) + " A compromise of the workload hands over those secrets, and whatever they unlock elsewhere."),

        new ExposedWorkloadRule(ChainRuleInfo.Of("CA-03", "Exposed Workload Decrypts with KMS Keys", Severity.High,
                "A workload the internet reaches runs as a role (not an administrator) that may call kms:Decrypt with customer managed keys, as the engine decides with each key policy.",
                new ChainFix("Limit kms:Decrypt, in the key policies and the role, to the keys the workload needs", null, Effort.Medium),
                ["T1190", "T1552"], []),
            Exposed, null, Reach.Data(EdgeType.CanDecrypt, "decrypt with", NodeType.KmsKey),
            (w, entry, r) => Reached(w, entry, r) + " Everything encrypted under those keys is readable to whoever controls the workload."),

        new ExposedWorkloadRule(ChainRuleInfo.Of("CA-04", "Exposed Workload Reads Stored Data", Severity.High,
                "A workload the internet reaches runs as a role (not an administrator) that may read every object of S3 buckets or scan DynamoDB tables; a bucket whose policy already lets anyone read it does not count.",
                new ChainFix("Limit the role's data access to the buckets, prefixes and tables the workload uses", null, Effort.Medium),
                ["T1190", "T1530"], []),
            Exposed, null, Reach.Data(EdgeType.CanRead, "read", NodeType.S3Bucket, NodeType.DynamoDbTable),
            (w, entry, r) => Reached(w, entry, r) + " A compromise of the workload is a copy of that data."),

        new ExposedWorkloadRule(ChainRuleInfo.Of("CA-05", "Exposed Workload Assumes Admin Role", Severity.Critical,
                "A workload the internet reaches runs as a role (not an administrator) that may assume another role that is one (its identity policy and the target's trust policy both allow it); a trust that admits it only with MFA does not count, since a workload's session never has MFA.",
                new ChainFix("Remove sts:AssumeRole on the administrator role from the workload's role, or that role from the trust policy", null, Effort.Medium),
                ["T1190", "T1550.001", "T1078.004"], [], supersededBy: "CA-01"),
            Exposed, null, Reach.AssumesAdmin,
            (w, entry, r) => Reached(w, entry, r) + " Two API calls from the workload give administrator credentials."),

        new ExposedWorkloadRule(ChainRuleInfo.Of("CA-06", "Exposed Workload Hijacks Admin Compute", Severity.Critical,
                "A workload the internet reaches runs as a role (not an administrator) that may run commands or code on another workload (ssm:SendCommand, ssm:StartSession, lambda:UpdateFunctionCode) whose role is an administrator.",
                new ChainFix("Limit ssm:SendCommand, ssm:StartSession and lambda:UpdateFunctionCode of the workload's role to the resources it manages", null, Effort.Medium),
                ["T1190", "T1651", "T1078.004"], []),
            Exposed, null, Reach.ControlsAdminWorkload,
            (w, entry, r) => Reached(w, entry, r) + " The attacker moves to that workload and uses its administrator role."),

        new NodeRule(ChainRuleInfo.Of("CA-07", "Public Bucket Writable from Any CI Workflow", Severity.Critical,
                "A bucket anyone can read (its policy allows anonymous s3:GetObject, Block Public Access does not restrict it) can be written by a role that any subject of its OIDC provider can assume (aws-iam-007).",
                new ChainFix("Add a sub condition naming your repository and branch to the trust policy", "aws-iam-007", Effort.Low),
                ["T1195.002", "T1078.004", "T1565.001"], ["aws-iam-007"]),
            [NodeType.S3Bucket], (view, bucket) =>
            {
                var anyone = view.In(bucket, EdgeType.CanRead).FirstOrDefault(e => view.Graph.Node(e.Source).Type == NodeType.AnyPrincipal);
                if (anyone is null) return null;
                var writer = view.Sources(bucket, EdgeType.CanWrite).FirstOrDefault(r => r.Type == NodeType.IamRole && view.Has(r, "aws-iam-007"));
                if (writer is null) return null;
                return new ChainMatch(bucket, [writer, bucket], Steps.Findings(view.Findings(writer, "aws-iam-007"), view.Findings(anyone)),
                    $"{bucket.Label} is served to anyone ({Reach.Grants(view, anyone)}), and {writer.Label} may write to it while trusting every identity of {ReferenceRules.OidcDetail(view, writer)}: "
                    + "a workflow in anyone's repository can replace what the bucket serves (scripts, artifacts, installers) and reach everyone who downloads it.",
                    [Steps.Internet, Steps.Of(writer, "any workflow assumes"), Steps.Of(bucket, "s3:PutObject"), Steps.Impact("Supply-chain poisoning", "served to anyone", "public read")]);
            }),

        new NodeRule(ChainRuleInfo.Of("CA-08", "Cross-Account Admin Role Without ExternalId", Severity.Critical,
                "An administrator role trusts another account (or anyone) without requiring sts:ExternalId.",
                new ChainFix("Require sts:ExternalId and name the exact principal in the trust policy, or drop the administrator policy", null, Effort.Low),
                ["T1199", "T1078.004"], []),
            [NodeType.IamRole], (view, role) =>
            {
                if (role.Attr("external_trust_without_external_id") is null || Reach.Administrator(view, role) is not { } admin) return null;
                var outside = view.In(role, EdgeType.CanAssume).FirstOrDefault(e => view.Graph.Node(e.Source).Type is NodeType.ExternalAccount or NodeType.AnyPrincipal
                    && !e.Evidence.Any(x => x.Detail.Contains("requires an sts:ExternalId", StringComparison.Ordinal)));
                if (outside is null) return null;
                var source = view.Graph.Node(outside.Source);
                return new ChainMatch(role, [source, role], [.. admin.Findings],
                    $"{role.Label} is an administrator and {source.Label} may assume it with no external ID ({Reach.Grants(view, outside)}). Any principal there that is allowed sts:AssumeRole, or a confused deputy acting for it, controls this account.",
                    [Steps.Of(source, ""), Steps.Of(role, "sts:AssumeRole, no ExternalId"), .. admin.Steps]) { Subject = ReferenceRules.Name(role) };
            }),

        new ExposedWorkloadRule(ChainRuleInfo.Of("CA-09", "Internet-Facing Database", Severity.Critical,
                "An RDS instance is publicly accessible, sits in a subnet that routes to an internet gateway, and a security-group rule open to 0.0.0.0/0 admits its port through the network ACL.",
                new ChainFix("Turn off public accessibility of the DB instance", "aws-rds-001", Effort.Low),
                ["T1190", "T1530"], ["aws-rds-001"]),
            [NodeType.RdsInstance], null, null,
            (w, entry, r) => $"The database {w.Label} answers on its port from anywhere on the internet ({entry}): password guessing and engine exploits need nothing else."),

        new NodeRule(ChainRuleInfo.Of("CA-10", "MFA-less User Can Escalate to Admin", Severity.Critical,
                "An IAM user that signs in to the console without MFA (aws-iam-002) is not an administrator but has an aws-iam-018 escalation path to administrator.",
                new ChainFix("Require MFA for the user (or remove its console password)", "aws-iam-002", Effort.Low),
                ["T1078.004", "T1110", "T1098.001"], ["aws-iam-002", "aws-iam-018"], bySubject: true),
            [NodeType.IamUser], (view, user) =>
            {
                if (!view.Has(user, "aws-iam-002") || Reach.EscalatesToAdmin(view, user) is not { } escalation) return null;
                return new ChainMatch(user, [user], Steps.Findings(view.Findings(user, "aws-iam-002"), escalation.Findings),
                    $"{user.Label} signs in with a password alone, and {escalation.What}: a phished password becomes the account.",
                    [Steps.Internet with { Sub = "console sign-in" }, Steps.Of(user, "password only"), .. escalation.Steps]) { Subject = ReferenceRules.Name(user) };
            }),

        new NodeRule(ChainRuleInfo.Of("CA-11", "Role Anyone Can Assume Reaches Admin", Severity.Critical,
                "A role whose trust policy admits any AWS principal (\"*\", with no condition that restricts the caller) is an administrator or can escalate to one.",
                new ChainFix("Replace \"*\" in the trust policy with the principals that need the role", null, Effort.Low),
                ["T1078.004", "T1199"], []),
            [NodeType.IamRole], (view, role) =>
            {
                var anyone = view.In(role, EdgeType.CanAssume).FirstOrDefault(e => view.Graph.Node(e.Source).Type == NodeType.AnyPrincipal);
                if (anyone is null || (Reach.Administrator(view, role) ?? Reach.EscalatesToAdmin(view, role)) is not { } power) return null;
                return new ChainMatch(role, [role], [.. power.Findings],
                    $"Any AWS account can assume {role.Label} ({Reach.Grants(view, anyone)}), and {power.What}.",
                    [Steps.Internet with { Label = "Any AWS account" }, Steps.Of(role, "sts:AssumeRole"), .. power.Steps]) { Subject = ReferenceRules.Name(role) };
            }),

        new NodeRule(ChainRuleInfo.Of("CA-12", "AI Agent Tools Reach Admin", Severity.Critical,
                "An AI agent (Bedrock agent, AgentCore runtime, gateway or code interpreter) runs as, or calls a tool that runs as, a role that is an administrator or can escalate to one.",
                new ChainFix("Give the agent and each of its tools a role scoped to the tool's task", null, Effort.Medium),
                ["T1078.004", "AML.T0053"], []),
            [NodeType.BedrockAgent, NodeType.AgentCoreRuntime, NodeType.AgentCoreGateway, NodeType.AgentCoreCodeInterpreter], (view, agent) =>
            {
                foreach (var (role, tool) in AgentRoles(view, agent))
                {
                    if ((Reach.Administrator(view, role) ?? Reach.EscalatesToAdmin(view, role)) is not { } power) continue;
                    List<VizStep> steps = [Steps.Internet with { Label = "Prompt", Sub = "any user of the agent" }, Steps.Of(agent, "instructs"),
                        .. tool is null ? [] : new[] { Steps.Of(tool, "calls tool") }, Steps.Of(role, "runs as"), .. power.Steps];
                    return new ChainMatch(agent, tool is null ? [agent, role] : [agent, tool, role], [.. power.Findings],
                        $"{agent.Label} {(tool is null ? "runs as" : $"calls {tool.Label}, which runs as")} {role.Label}, and {power.What}. "
                        + "A prompt injection that steers the agent's tool use is a path to the account.", steps) { Subject = agent.Label };
                }
                return null;
            }),
    ];

    /// <summary>The roles an agent acts with: its own, and those of the tools it calls.</summary>
    private static IEnumerable<(GraphNode Role, GraphNode? Tool)> AgentRoles(GraphView view, GraphNode agent)
    {
        foreach (var role in view.Targets(agent, EdgeType.RunsAs)) yield return (role, null);
        foreach (var tool in view.Targets(agent, EdgeType.UsesTool))
            foreach (var role in view.Targets(tool, EdgeType.RunsAs)) yield return (role, tool);
    }
}
