using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>
/// The credential report, read and parsed once per account for every credential check, plus the
/// access key IDs the report leaves out (ListAccessKeys), so fixes can name the real key.
/// </summary>
public sealed class Credentials
{
    // The report and ListAccessKeys both give a key's creation time to the second.
    private static readonly TimeSpan SameInstant = TimeSpan.FromSeconds(2);

    private readonly IamView _iam;

    private Credentials(CheckContext context)
    {
        _iam = context.Data.Iam();
        Report = _iam.CredentialReport();
    }

    public Observed<CredentialReport> Report { get; }

    public static Credentials Of(CheckContext context) => context.Shared(c => new Credentials(c));

    /// <summary>
    /// The ID of the key in a report slot, matched by creation time against ListAccessKeys; a
    /// placeholder when the listing is unreadable or ambiguous (the finding itself does not depend on it).
    /// </summary>
    public SlotValue KeyId(CredentialReportRow user, CredentialReportKey key)
    {
        if (key.LastRotated is { } created && _iam.AccessKeys(user.User).Value?.AccessKeyMetadata is { } listed)
        {
            var matches = listed.Where(k => k.CreateDate is { } d && (d - created).Duration() <= SameInstant).ToList();
            if (matches.Count == 1)
                return matches[0].AccessKeyId;
        }
        return new SlotValue.Placeholder("ACCESS_KEY_ID");
    }

    /// <summary>A key's ID for a description: the real one, or its slot number in the credential report.</summary>
    public string KeyLabel(CredentialReportRow user, CredentialReportKey key) =>
        KeyId(user, key) is SlotValue.Literal id ? id.Value : $"key {key.Slot}";
}

/// <summary>
/// A check of each IAM user in the credential report that is in its scope (the root user's row is
/// judged by the root checks).
/// </summary>
public abstract class CredentialReportCheck : Check
{
    public override IReadOnlyList<ApiCall> Reads => [IamCalls.GetCredentialReport, .. ExtraReads];

    protected virtual IReadOnlyList<ApiCall> ExtraReads => [];

    /// <summary>Why nothing was in scope when no user was, e.g. "no IAM user has a console password".</summary>
    protected abstract string NothingInScope { get; }

    /// <summary>Whether the check applies to the user (has a console password, has an active key …).</summary>
    protected abstract bool InScope(CredentialReportRow user);

    protected abstract void EvaluateUser(CredentialReportRow user, Credentials credentials, CheckContext context, Verdict verdict);

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var credentials = Credentials.Of(context);
        if (!credentials.Report.TryGet(out var report, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        foreach (var user in report.Users.Where(InScope))
        {
            verdict.Scanned(user.Arn);
            EvaluateUser(user, credentials, context, verdict);
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable(report.Users.Any() ? NothingInScope : "the account has no IAM users");
    }

    protected static SlotValues UserSlots(CredentialReportRow user) => new SlotValues().With("user_name", user.User);
}

/// <summary>A check of the IAM users that have a console password.</summary>
public abstract class ConsoleUserCheck : CredentialReportCheck
{
    protected override string NothingInScope => "no IAM user has a console password";

    protected override bool InScope(CredentialReportRow user) => user.PasswordEnabled == true;
}

/// <summary>A check of the IAM users that have an active access key; fixes name the key IDs from ListAccessKeys.</summary>
public abstract class KeyHolderCheck : CredentialReportCheck
{
    protected override IReadOnlyList<ApiCall> ExtraReads => [IamCalls.ListAccessKeys];

    protected override string NothingInScope => "no IAM user has an active access key";

    protected override bool InScope(CredentialReportRow user) => user.ActiveKeys.Any();
}

/// <summary>Credential ages as CIS counts them: whole days between an event and the scan.</summary>
public static class CredentialAge
{
    public static double Days(DateTimeOffset then, DateTimeOffset now) => (now - then).TotalDays;

    /// <summary>"214 days ago", or "today".</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var days = (int)Math.Floor(Days(then, now));
        return days switch { <= 0 => "today", 1 => "1 day ago", _ => $"{days} days ago" };
    }

    /// <summary>"244 days ago (2026-03-02)", or "today".</summary>
    public static string On(DateTimeOffset then, DateTimeOffset now)
    {
        var ago = Ago(then, now);
        return ago == "today" ? ago : $"{ago} ({then.UtcDateTime:yyyy-MM-dd})";
    }
}

/// <summary>ARNs of account-level IAM principals.</summary>
public static class IamArns
{
    public static string Root(CheckContext context) => $"arn:{context.Partition}:iam::{context.AccountId}:root";
}
