using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DataPerimeter;

/// <summary>
/// aws-dp-005: a Lambda function permission (AddPermission) that reaches outside the organization. Lambda
/// policies are edited one permission at a time, so each open permission is its own finding and fix.
/// </summary>
public sealed class FunctionPolicyPerimeter : PerimeterCheck
{
    private const string DocUrl = "https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html";

    private static readonly RemediationTemplate RestrictToOrganization = Replace(
        "Replace the permission with one limited to your organization.",
        "--principal {principal} --principal-org-id {organization_id}", [("principal", "{principal}"), ("principal_org_id", "{organization_id}")],
        "the permission names accounts or \"*\" and the account belongs to an organization");

    private static readonly RemediationTemplate RestrictToSourceAccount = Replace(
        "Replace the permission with one that only lets the service act for your account.",
        "--principal {principal} --source-account {account_id}", [("principal", "{principal}"), ("source_account", "{account_id}")],
        "the permission is for an AWS service");

    private static readonly RemediationTemplate RestrictToAccount = Replace(
        "Replace the permission with one for this account only (the account belongs to no organization).",
        "--principal {account_id}", [("principal", "{account_id}")],
        "the permission names accounts or \"*\" and the account belongs to no organization");

    /// <summary>remove-permission, then add-permission with the restricting flags; the Terraform resource with the same attributes.</summary>
    private static RemediationTemplate Replace(string comment, string flags, (string Name, string Value)[] attributes, string when)
    {
        (string Name, string Value)[] all = [("function_name", "{function_name}"), ("statement_id", "{statement_id}"), ("action", "{action}"), .. attributes];
        var width = all.Max(a => a.Name.Length);
        var body = string.Join("\n", all.Select(a => $"  {a.Name.PadRight(width)} = {a.Value}"));
        return new RemediationTemplate(
            Cli: $$"""
                # {{comment}}
                aws lambda remove-permission --region {region} --function-name {function_name} --statement-id {statement_id}
                aws lambda add-permission --region {region} --function-name {function_name} --statement-id {statement_id} \
                  --action {action} {{flags}}
                """,
            Terraform: $"resource \"aws_lambda_permission\" \"{{statement_id:id}}\" {{\n{body}\n}}",
            DocUrl: DocUrl,
            Effort: Effort.Low)
        {
            When = when,
        };
    }

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-dp-005",
        Title = "Lambda function permission reaches outside the organization",
        Service = "Data perimeter",
        Severity = Severity.High,
        ResourceType = "AWS::Lambda::Function",
        Description = HowDecided("Lambda function policy (the permissions AddPermission created, read in every scanned region)")
            + " Public function URLs (lambda:InvokeFunctionUrl for \"*\" with FunctionUrlAuthType NONE) are public. Only "
            + "the unqualified function's policy is read; aliases and versions have their own. One finding per open permission.",
        Rationale = "Whoever may invoke a function runs its code with its execution role: reading what that role can read "
            + "and writing what it can write. A permission open to any account, or to a service acting for any account, lets "
            + "strangers trigger that code with inputs of their choosing and run up the bill.",
        CommonCauses =
        [
            "A function URL or API was exposed with Principal \"*\" for a quick test and left in place.",
            "A permission for S3, SNS or EventBridge was added without --source-account or --source-arn.",
            "A partner account was allowed to invoke the function for an integration that has ended.",
        ],
        Recommendation = "Re-create each open permission with --principal-org-id for accounts, or --source-account and --source-arn for AWS services.",
        Remediation = RestrictToOrganization,
        RemediationVariants = [RestrictToSourceAccount, RestrictToAccount],
        Compliance = [new ComplianceRef(ComplianceRef.CisAws, "7.0", "2.21")],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [ResourcePolicyCalls.ListFunctions, ResourcePolicyCalls.GetFunctionPolicy, .. OrganizationReads];

    protected override Gathered<ResourcePolicyRead> Resources(ResourcePolicyView view) => view.FunctionPolicies();
    protected override (string Service, string Operation) PolicyRead => ("lambda", "GetPolicy");
    protected override string Noun => "function";

    protected override SlotValues Slots(CheckContext context, ResourcePolicyRead resource, string restricted) =>
        new SlotValues().With("function_name", resource.Name);

    protected override void Report(CheckContext context, Verdict verdict, ResourcePolicyRead resource, IReadOnlyList<PerimeterBreach> breaches,
        OrganizationFacts organization)
    {
        foreach (var breach in breaches)
        {
            var statement = breach.Statement;
            var statementId = statement.Sid ?? $"statement-{statement.Index}";
            var principals = statement.Principals;
            var principal = principals is null || principals.Everyone ? "*"
                : principals.Services.Concat(principals.Aws).FirstOrDefault() ?? "*";
            var template = breach.ServiceOnly ? RestrictToSourceAccount
                : organization.Standalone ? RestrictToAccount
                : RestrictToOrganization;
            var slots = Slots(context, resource, "")
                .With("statement_id", statementId)
                .With("action", statement.Actions.Count > 0 ? statement.Actions[0].Pattern : "lambda:InvokeFunction")
                .With("principal", principal)
                .With("organization_id", organization.OrganizationId is { } id ? id : new SlotValue.Placeholder("ORGANIZATION_ID"));
            verdict.Fail($"{resource.ResourceArn}#{statementId}", resource.Region,
                $"Function {resource.Name}: {Perimeter.Describe(breach, organization)}.", slots,
                severity: SeverityOf([breach]), remediation: template);
        }
    }
}
