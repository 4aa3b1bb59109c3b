using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-002: a function URL anyone can call without signing, the persistence channel of stolen-key campaigns.</summary>
public sealed class PublicFunctionUrl : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-002",
        Title = "Public Lambda Function URL (AuthType=NONE)",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::Lambda::Url",
        Description = "Reads every Lambda function in the scanned regions, its function URLs (ListFunctionUrlConfigs, aliases "
            + "included) and its resource policy (GetPolicy), and fails each URL whose AuthType is NONE and whose policy lets "
            + "anyone call it (lambda:InvokeFunctionUrl for \"*\", decided by the policy engine, and for a URL created from "
            + "October 2025 on, as its CreationTime says, lambda:InvokeFunction too, which AWS documents new URLs need): Lambda "
            + "refuses unsigned calls the policy does not allow, so a NONE URL without such statements is not reachable and not reported. The "
            + "finding is High, and Critical when the function's execution role is an administrator: every action on every "
            + "resource allowed by its policies and boundary, as the policy engine evaluates them (not judged from policy "
            + "names). When the policy or the role cannot be read, the URL is reported as High with the gap said.",
        Rationale = "Stolen-key campaigns create functions with public URLs so that their code keeps running, and stays "
            + "reachable from the internet, after the stolen key is revoked. Whoever calls such a URL runs the function's code "
            + "with its role: with an administrator role, an unauthenticated HTTPS request is a way back into the whole account.",
        CommonCauses =
        [
            "A function URL created with AuthType NONE for a webhook or a demo, with the console's public permission added.",
            "A function created by an attacker with a stolen key as a backdoor.",
            "Infrastructure code copied from a tutorial that exposes the function publicly.",
        ],
        Recommendation = "Confirm the URL is meant to be public; if not, delete the URL (or require AWS_IAM), find who created it in CloudTrail, and give the function a role scoped to its job.",
        Remediation = new(
            Cli: """
                # Who created or changed the URL (CloudTrail event history, last 90 days):
                aws cloudtrail lookup-events --region {region} --lookup-attributes {function_lookup}
                # Require signed requests (or delete the URL with delete-function-url-config):
                aws lambda update-function-url-config --region {region} --function-name {function} --auth-type AWS_IAM
                """,
            Terraform: """
                resource "aws_lambda_function_url" "{function:id}" {
                  function_name      = {function}
                  authorization_type = "AWS_IAM"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
            Effort: Effort.Medium),
        Threat = new("TF-002-lambda-function-url-persistence",
        [
            "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
            "https://thehackernews.com/2025/12/compromised-iam-credentials-power-large.html",
        ]) { Escalation = "critical when the function's execution role is an administrator" },
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [LambdaCalls.ListFunctions, LambdaCalls.ListFunctionUrlConfigs, ResourcePolicyCalls.GetFunctionPolicy, IamAuthorizationCalls.GetAccountAuthorizationDetails];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var functions = context.Data.Lambda().Functions();
        var inScope = verdict.Accept(functions);
        if (inScope.Count == 0)
            verdict.NotApplicable(RegionalVerdicts.NothingInScope("no Lambda functions in the scanned regions", functions.NotOffered));
        var policies = context.Data.ResourcePolicies().FunctionPolicies();
        foreach (var function in inScope)
        {
            if (!verdict.Read(context.Data.Lambda().UrlConfigs(function), out var urls)) continue;
            verdict.Scanned(function.Resource.FunctionArn);
            foreach (var url in (urls.FunctionUrlConfigs ?? []).Where(u => u.AuthType == "NONE"))
                Judge(function, url, policies, context, verdict);
        }
    }

    private void Judge(Located<LambdaFunction> function, FunctionUrlConfig url, Gathered<ResourcePolicyRead> policies, CheckContext context, Verdict verdict)
    {
        var name = function.Resource.FunctionName;
        var read = policies.Items.FirstOrDefault(p => p.Region == function.Region && p.Name == name);
        var notes = new List<string>();
        switch (read is null ? null : AnyoneMayCall(read, url, context))
        {
            case false:
                return;
            case null:
                if (policies.Gaps.FirstOrDefault(g => g.Region == function.Region && g.Target?.Contains(name, StringComparison.Ordinal) == true) is { } gap)
                    verdict.Gap(gap);
                notes.Add("Its resource policy could not be read or evaluated, so whether it lets anyone call the URL is not known.");
                break;
        }
        var severity = Severity.High;
        if (function.Resource.Role is { } roleArn && context.ReadIam(verdict) is { } iam)
        {
            var role = iam.Roles.FirstOrDefault(r => r.Arn == roleArn);
            if (role is null)
                notes.Add($"Its role {roleArn} is not in the account's IAM data, so whether it is an administrator is not known.");
            else if (role.Unassessable is { } why)
                notes.Add($"Whether its role {role.Name} is an administrator could not be decided: {why}.");
            else if (context.Access().IsAdministrator(role).IsAdministrator)
            {
                severity = Severity.Critical;
                notes.Add($"Its execution role {role.Name} is an administrator: every action on every resource.");
            }
        }
        else if (function.Resource.Role is not null)
        {
            notes.Add("Whether its role is an administrator is not known: the account's IAM data could not be read.");
        }
        verdict.Fail(url.FunctionArn, function.Region,
            $"Function {name} has a URL ({url.FunctionUrl}) that anyone on the internet can call without signing (AuthType NONE, "
            + $"public in its resource policy). {string.Join(" ", notes)}".TrimEnd(),
            new SlotValues().With("function", QualifiedName(name, url)).With("function_lookup", Containment.Lookup("ResourceName", name)), severity: severity);
    }

    /// <summary>Whether the function's policy lets an anonymous caller invoke this URL; null when the policy cannot be parsed.</summary>
    private static bool? AnyoneMayCall(ResourcePolicyRead read, FunctionUrlConfig url, CheckContext context)
    {
        if (read.PolicyText is not { } text) return false;
        if (!context.Policies().Get(text, PolicyKind.Resource, $"resource policy of {read.Name}").TryGet(out var document)) return null;
        return FunctionUrlAccess.AnonymousCall(document, url, context.AccountId).IsAllowed;
    }

    /// <summary>The function name, with the alias when the URL belongs to one (name:alias).</summary>
    private static string QualifiedName(string function, FunctionUrlConfig url)
    {
        var parts = url.FunctionArn.Split(':');
        return parts.Length == 8 ? $"{function}:{parts[7]}" : function;
    }
}
