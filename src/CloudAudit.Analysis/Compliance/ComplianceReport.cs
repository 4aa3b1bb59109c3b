using System.Text.Json.Serialization;
using CloudAudit.Analysis.Chains;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Compliance;

/// <summary>What a scan says about one control.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControlStatus>))]
public enum ControlStatus
{
    /// <summary>Every mapped check passed, and the checks decide the whole control.</summary>
    [JsonStringEnumMemberName("PASS")] Pass,
    /// <summary>A mapped check found a failing resource (suppressed findings excepted).</summary>
    [JsonStringEnumMemberName("FAIL")] Fail,
    /// <summary>Every mapped check passed, but they decide only part of the control: a person verifies the rest.</summary>
    [JsonStringEnumMemberName("PARTIAL")] Partial,
    /// <summary>No check failed, but a mapped check could not read its data, errored, or was not run.</summary>
    [JsonStringEnumMemberName("NOT_ASSESSED")] NotAssessed,
    /// <summary>The mapped checks found nothing in scope (no resource of the kind they judge).</summary>
    [JsonStringEnumMemberName("NOT_APPLICABLE")] NotApplicable,
    /// <summary>No check applies: a person verifies the control.</summary>
    [JsonStringEnumMemberName("MANUAL")] Manual,
}

/// <summary>What one check contributed to a control, over every account of the scan.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceStatus>))]
public enum EvidenceStatus
{
    [JsonStringEnumMemberName("PASS")] Pass,
    [JsonStringEnumMemberName("FAIL")] Fail,
    [JsonStringEnumMemberName("ERROR")] Error,
    [JsonStringEnumMemberName("NOT_ASSESSED")] NotAssessed,
    [JsonStringEnumMemberName("NOT_APPLICABLE")] NotApplicable,
    /// <summary>The check was not selected for this scan.</summary>
    [JsonStringEnumMemberName("NOT_RUN")] NotRun,
}

public static class ComplianceText
{
    /// <summary>The status as reports print it: "NOT ASSESSED".</summary>
    public static string Label(this ControlStatus status) => status switch
    {
        ControlStatus.Pass => "PASS",
        ControlStatus.Fail => "FAIL",
        ControlStatus.Partial => "PARTIAL",
        ControlStatus.NotAssessed => "NOT ASSESSED",
        ControlStatus.NotApplicable => "NOT APPLICABLE",
        _ => "MANUAL",
    };

    public static string Label(this EvidenceStatus status) => status switch
    {
        EvidenceStatus.Pass => "PASS",
        EvidenceStatus.Fail => "FAIL",
        EvidenceStatus.Error => "ERROR",
        EvidenceStatus.NotAssessed => "NOT ASSESSED",
        EvidenceStatus.NotApplicable => "NOT APPLICABLE",
        _ => "NOT RUN",
    };

    public static string Label(this ControlAssessment assessment) => assessment.ToString().ToLowerInvariant();

    /// <summary>Said in every compliance report, in every format.</summary>
    public const string Disclaimer = "This report is not a certification or an audit opinion. It shows how the AWS configuration that cloud-audit read compares with the framework's controls at the time of the scan. Controls marked MANUAL or PARTIAL need a person to verify them, NOT ASSESSED controls need the missing data, and only an accredited assessor can attest compliance.";
}

/// <summary>One mapped check's result as evidence for a control.</summary>
public sealed record CheckEvidence
{
    public required string CheckId { get; init; }
    public required string Title { get; init; }
    public required EvidenceStatus Status { get; init; }
    public int ResourcesScanned { get; init; }
    /// <summary>Distinct resources with an unsuppressed finding.</summary>
    public int ResourcesFailed { get; init; }
    public int ResourcesPassed => Math.Max(0, ResourcesScanned - ResourcesFailed);
    public int FindingsSuppressed { get; init; }
    /// <summary>Why the check could not decide (NOT ASSESSED, ERROR, NOT APPLICABLE, NOT RUN), in a sentence.</summary>
    public string? Reason { get; init; }
}

/// <summary>One control's verdict, the evidence behind it and the findings a fix must address.</summary>
public sealed record ControlResult
{
    public required FrameworkControl Control { get; init; }
    public required ControlStatus Status { get; init; }
    /// <summary>The verdict in a sentence.</summary>
    public required string Reason { get; init; }
    public required IReadOnlyList<CheckEvidence> Evidence { get; init; }
    /// <summary>The unsuppressed findings of the mapped checks, most severe first: what failing the control consists of.</summary>
    public required IReadOnlyList<AnalyzedFinding> Findings { get; init; }
    /// <summary>The attack chains made up in part of this control's failing findings, most severe first.</summary>
    public IReadOnlyList<AttackChain> ViolatedByChains { get; init; } = [];

    /// <summary>A person has to verify (some of) it: the control is manual, or its checks cover it only in part.</summary>
    public bool NeedsPerson => Control.Assessment != ControlAssessment.Automated;
}

/// <summary>Counts of controls per status, and readiness.</summary>
public sealed record ComplianceSummary
{
    public required int Controls { get; init; }
    public required int Passed { get; init; }
    public required int Failed { get; init; }
    public required int Partial { get; init; }
    public required int NotAssessed { get; init; }
    public required int NotApplicable { get; init; }
    public required int Manual { get; init; }
    /// <summary>Controls that need a person: manual ones, and those whose checks cover them only in part.</summary>
    public required int NeedPerson { get; init; }

    /// <summary>Controls the checks could judge: passed, passed in part, or failed.</summary>
    public int Assessable => Passed + Partial + Failed;

    /// <summary>Controls whose checks all pass (fully or in part).</summary>
    public int Passing => Passed + Partial;

    /// <summary>Passing ÷ assessable, in percent (0 when nothing was assessable); NOT ASSESSED, NOT APPLICABLE and MANUAL stay out.</summary>
    public int ReadinessPercent => Assessable == 0 ? 0 : (int)Math.Round(100.0 * Passing / Assessable, MidpointRounding.AwayFromZero);
}

/// <summary>A scan assessed against one framework.</summary>
public sealed record ComplianceReport
{
    public required ComplianceFramework Framework { get; init; }
    public required IReadOnlyList<ControlResult> Controls { get; init; }
    public required ComplianceSummary Summary { get; init; }
}
