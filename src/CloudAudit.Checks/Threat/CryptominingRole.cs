using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-005: a role created in the last 48 hours that may run compute anywhere (and, worse, send e-mail through SES).</summary>
public sealed class CryptominingRole : Check
{
    public static readonly TimeSpan Freshness = TimeSpan.FromHours(48);

    /// <summary>Actions that start compute an intruder can mine on.</summary>
    public static readonly IReadOnlyList<string> ComputeActions =
        ["ec2:RunInstances", "ec2:RequestSpotInstances", "ecs:RunTask", "lambda:CreateFunction", "batch:SubmitJob", "sagemaker:CreateTrainingJob"];

    /// <summary>Actions that send e-mail through SES, the other half of the same campaigns.</summary>
    public static readonly IReadOnlyList<string> SesSendActions = ["ses:SendEmail", "ses:SendRawEmail"];

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-005",
        Title = "Recently-created IAM role with cryptomining-style compute access",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::Role",
        Description = "Reads the account's IAM roles with their policies (GetAccountAuthorizationDetails) and fails each role "
            + "created in the 48 hours before the collection that is allowed to start compute on any resource: one of "
            + "ec2:RunInstances, ec2:RequestSpotInstances, ecs:RunTask, lambda:CreateFunction, batch:SubmitJob or "
            + "sagemaker:CreateTrainingJob on \"*\", as the policy engine evaluates the role's policies and boundary (so "
            + "AdministratorAccess, PowerUserAccess, the full-access compute policies and any custom equivalent all count). "
            + "The role is Critical when it may also send e-mail through SES (ses:SendEmail or SendRawEmail). Service-linked "
            + "and IAM Identity Center roles, which AWS creates, are left out. When CloudTrail's event history over the "
            + "window holds the CreateRole call, the finding names who created the role, when and from where.",
        Rationale = "The cryptomining campaigns run with stolen keys follow one script: create a fresh role with broad compute "
            + "rights, then launch GPU instances, containers or functions in every region under it, so that mining survives "
            + "the stolen key being revoked; the same campaigns send phishing through SES. A new role able to start compute "
            + "anywhere is rarely created by hand in a well-run account.",
        CommonCauses =
        [
            "A role created by an intruder with stolen credentials to launch mining workloads.",
            "An engineer created a role with a full-access managed policy to get something working quickly.",
            "A new deployment pipeline created its role with PowerUserAccess.",
        ],
        Recommendation = "Find out who created the role; if nobody can vouch for it, deny it everything, look for the instances, tasks and functions it started, and delete it.",
        Remediation = new(
            Cli: """
                # Who created the role, and what it did since (CloudTrail event history):
                aws cloudtrail lookup-events --region us-east-1 --lookup-attributes {created_lookup}
                aws cloudtrail lookup-events --region {region} --lookup-attributes {session_lookup}
                # Deny the role everything until someone vouches for it:
                aws iam attach-role-policy --role-name {role} --policy-arn {deny_all_arn}
                """,
            Terraform: """
                resource "aws_iam_role_policy_attachment" "{role:id}_deny_all" {
                  role       = {role}
                  policy_arn = "arn:aws:iam::aws:policy/AWSDenyAll"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html",
            Effort: Effort.Medium),
        Threat = new("TF-005-cryptomining-role",
        [
            "https://thehackernews.com/2025/12/compromised-iam-credentials-power-large.html",
            "https://www.theregister.com/2025/12/18/crypto_crooks_use_stolen_aws/",
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-ec2.html",
        ]) { Escalation = "critical when the role may also send e-mail through SES" },
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamAuthorizationCalls.GetAccountAuthorizationDetails, CloudTrailEventCalls.CreateRole];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (context.ReadIam(verdict) is not { } iam) return;
        if (!verdict.Read(context.Data.IamAuthorization().AuthorizationDetails(), out var details)) return;
        var created = (details.RoleDetailList ?? []).ToDictionary(r => r.Arn, r => r.CreateDate, StringComparer.Ordinal);
        var fresh = iam.Roles.Where(r => !r.IsServiceLinked && !r.IsIdentityCenterRole && created.GetValueOrDefault(r.Arn) is { } at
            && at <= context.Now && context.Now - at <= Freshness).ToList();
        verdict.Scanned(iam.Roles.Count - fresh.Count);
        if (iam.Roles.Count == 0) verdict.NotApplicable("the account has no IAM roles");
        foreach (var role in fresh)
        {
            if (role.Unassessable is { } why)
            {
                verdict.Gap(DataGap.OutOfReach(AwsIds.GlobalRegion, "iam", "GetAccountAuthorizationDetails",
                    $"{role} was created in the last 48 hours, but its permissions cannot be evaluated: {why}", role.Arn));
                continue;
            }
            verdict.Scanned(role.Arn);
            var compute = Allowed(role, ComputeActions);
            if (compute.Count == 0) continue;
            var ses = Allowed(role, SesSendActions);
            var age = context.Now - created[role.Arn]!.Value;
            verdict.Fail(role.Arn, AwsIds.GlobalRegion,
                $"Role {role.Name} was created {Hours(age)} ago and may start compute anywhere ({string.Join(", ", compute)} on \"*\")"
                + (ses.Count > 0 ? $", and send e-mail through SES ({string.Join(", ", ses)})." : ".") + CreatedBy(role, context),
                new SlotValues().With("role", role.Name).With("created_lookup", Containment.Lookup("ResourceName", role.Name))
                    .With("session_lookup", Containment.Lookup("Username", role.Name)).With("deny_all_arn", $"arn:{context.Partition}:iam::aws:policy/AWSDenyAll"), severity: ses.Count > 0 ? Severity.Critical : Severity.High);
        }
    }

    private static List<string> Allowed(IamEntity role, IEnumerable<string> actions) =>
        actions.Where(a => IamCatalog.Default.FindAction(a) is { } action
            && PolicyEvaluator.Decide(role.Policies, new AccessRequest(role.Caller, action.Parsed, "*")) == Decision.Allowed).ToList();

    private static string Hours(TimeSpan age) => age.TotalHours < 1 ? "less than an hour" : $"{(int)age.TotalHours} hours";

    /// <summary>" It was created by … at …": the CreateRole call in the window, when it was read.</summary>
    private static string CreatedBy(IamEntity role, CheckContext context)
    {
        var calls = context.Data.CloudTrailEvents().Read(CloudTrailEventCalls.CreateRole).Events
            .Where(e => !e.Failed && e.Request("roleName") == role.Name).ToList();
        return calls.Count == 0 ? "" : " It was created by " + string.Join("; ", calls.Select(e => $"{e.Actor.Label}{e.Origin} at {e.When}")) + ".";
    }
}
