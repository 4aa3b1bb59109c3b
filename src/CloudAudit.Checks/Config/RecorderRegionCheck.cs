using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Config;

/// <summary>
/// A check of the customer configuration recorder in each scanned region that has one. Regions
/// without a customer recorder are aws-cfg-001's findings; service-linked recorders (recordingScope
/// INTERNAL, created by other AWS services for their own use) are never judged.
/// </summary>
public abstract class RecorderRegionCheck : Check
{
    public override IReadOnlyList<ApiCall> Reads => [ConfigCalls.DescribeConfigurationRecorders, .. ExtraReads];

    protected virtual IReadOnlyList<ApiCall> ExtraReads => [];

    protected abstract void JudgeRegion(string region, ConfigurationRecorder recorder, RecorderSurvey survey, CheckContext context, Verdict verdict);

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var survey = RecorderSurvey.Of(context);
        verdict.AddGaps(survey.Gaps);
        foreach (var (region, recorder) in survey.CustomerRecorders)
        {
            var gaps = verdict.Gaps.Count;
            JudgeRegion(region, recorder, survey, context, verdict);
            if (verdict.Gaps.Count == gaps) verdict.Scanned(Examined(context, region, recorder));
        }
        if (survey.CustomerRecorders.Count == 0)
            verdict.NotApplicable(RegionalVerdicts.NothingInScope(
                "no customer configuration recorder in the scanned regions (see aws-cfg-001)", survey.NotOffered));
    }

    /// <summary>The ID under which a region's judgement is reported as passed: its recorder unless the check judges something else.</summary>
    protected virtual string Examined(CheckContext context, string region, ConfigurationRecorder recorder) => RecorderArn(context, region, recorder);

    public static string RecorderArn(CheckContext context, string region, ConfigurationRecorder recorder) =>
        recorder.Arn ?? $"arn:{context.Partition}:config:{region}:{context.AccountId}:configuration-recorder/{recorder.Name}";

    /// <summary>Slots shared by the recorder fixes.</summary>
    public static SlotValues Slots(ConfigurationRecorder recorder, string region, RecorderSurvey survey, CheckContext context) => new SlotValues()
        .With("recorder", recorder.Name)
        .With("role_arn", recorder.RoleArn ?? RecorderSurvey.ServiceLinkedRoleArn(context))
        .With("include_global", region == survey.GlobalTypesRegion ? "true" : "false");
}

/// <summary>
/// The customer recorders of every scanned region, read once per account, and where global IAM
/// resource types are (or should be) recorded.
/// </summary>
/// <remarks>
/// Global resource types (IAM users, groups, roles, policies) are the same in every region, so AWS
/// advises recording them in one region only: recording them everywhere duplicates every
/// configuration item and its cost. The CIS text asks for includeGlobalResourceTypes on every
/// recorder; we require it in at least one scanned region instead. When none records them, the
/// designated region is us-east-1 if it has a customer recorder, otherwise the first scanned region
/// that has one.
/// </remarks>
public sealed class RecorderSurvey
{
    public const string PreferredGlobalRegion = "us-east-1";

    private RecorderSurvey(IReadOnlyList<(string Region, ConfigurationRecorder Recorder)> recorders, IReadOnlyList<Inventory.DataGap> gaps,
        IReadOnlyList<string> notOffered, string? globalTypesRegion, bool globalTypesRecorded)
    {
        CustomerRecorders = recorders;
        Gaps = gaps;
        NotOffered = notOffered;
        GlobalTypesRegion = globalTypesRegion;
        GlobalTypesRecorded = globalTypesRecorded;
    }

    public IReadOnlyList<(string Region, ConfigurationRecorder Recorder)> CustomerRecorders { get; }
    public IReadOnlyList<Inventory.DataGap> Gaps { get; }
    public IReadOnlyList<string> NotOffered { get; }
    /// <summary>The region whose recorder records (or should record) global resource types.</summary>
    public string? GlobalTypesRegion { get; }
    public bool GlobalTypesRecorded { get; }

    public static RecorderSurvey Of(CheckContext context) => context.Shared(Build);

    public static string ServiceLinkedRoleArn(CheckContext context) =>
        $"arn:{context.Partition}:iam::{context.AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

    public static bool RecordsGlobalTypes(ConfigurationRecorder recorder) =>
        recorder.RecordingGroup is { AllSupported: true, IncludeGlobalResourceTypes: true };

    private static RecorderSurvey Build(CheckContext context)
    {
        var reads = context.Data.Config().Recorders().ToList();
        var recorders = new List<(string Region, ConfigurationRecorder Recorder)>();
        foreach (var read in reads.Where(r => r.Value is not null))
            if (read.Value!.CustomerRecorders.FirstOrDefault() is { } recorder)
                recorders.Add((read.Region, recorder));
        var gaps = reads.Select(r => r.Gap).OfType<Inventory.DataGap>().ToList();
        string? recording = recorders.FirstOrDefault(r => RecordsGlobalTypes(r.Recorder)).Region;
        string? designated = recording
            ?? (recorders.Any(r => r.Region == PreferredGlobalRegion) ? PreferredGlobalRegion : recorders.FirstOrDefault().Region);
        return new RecorderSurvey(recorders, gaps, RegionalVerdicts.NotOffered(reads), designated, recording is not null);
    }

    /// <summary>True when no scanned region records global types and every region could be read (so we know).</summary>
    public bool GlobalTypesMissing => !GlobalTypesRecorded && Gaps.Count == 0;
}
