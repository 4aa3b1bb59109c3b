using CloudAudit.Access;
using CloudAudit.Access.Principals;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// The per-account analyses checks share, built once per scan of an account: parsed policy documents and the
/// effective-access model (principals, administrators, escalation) that aws-iam-005, 007 and 018 read.
/// </summary>
public static class AccessContext
{
    /// <summary>Policy documents parsed once per account, whoever reads them.</summary>
    public static PolicyCache Policies(this CheckContext context) => context.Shared(_ => new PolicyCache());

    /// <summary>The account's effective-access model.</summary>
    public static AccessModel Access(this CheckContext context) =>
        context.Shared(c => AccessModel.Build(c.Data, c.Now, c.Policies()));

    /// <summary>The account's IAM data, or null once the verdict records why it is missing.</summary>
    public static IamAccount? ReadIam(this CheckContext context, Verdict verdict)
    {
        var iam = context.Access().Iam;
        if (iam.Gap is { } gap)
        {
            verdict.Gap(gap);
            return null;
        }
        return iam;
    }
}
