using System.Text.Json.Serialization;

namespace CloudAudit.Analysis.Compliance;

/// <summary>How cloud-audit can judge a control: fully by its checks, by its checks and a person, or by a person alone.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControlAssessment>))]
public enum ControlAssessment
{
    /// <summary>The mapped checks decide the control entirely.</summary>
    [JsonStringEnumMemberName("automated")] Automated,
    /// <summary>The mapped checks decide part of the control; a person verifies the rest.</summary>
    [JsonStringEnumMemberName("partial")] Partial,
    /// <summary>No check applies; a person verifies the control.</summary>
    [JsonStringEnumMemberName("manual")] Manual,
}

/// <summary>One control (requirement, criterion, recommendation) of a framework and the checks that evaluate it.</summary>
public sealed record FrameworkControl
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Section { get; init; }
    /// <summary>The framework's own grading where it has one: CIS profile level, HIPAA Required/Addressable, FSBP severity; empty otherwise.</summary>
    public string Level { get; init; } = "";
    public required ControlAssessment Assessment { get; init; }
    public required IReadOnlyList<string> Checks { get; init; }
    /// <summary>What a person must verify: always set for manual controls, and for partial ones where the gap needs saying.</summary>
    public string? Verify { get; init; }
    /// <summary>For frameworks mapped from Prowler's: the Prowler checks its mapping names for this control.</summary>
    public IReadOnlyList<string> SourceChecks { get; init; } = [];
    /// <summary>Those of <see cref="SourceChecks"/> cloud-audit has no equivalent for.</summary>
    public IReadOnlyList<string> Uncovered { get; init; } = [];
}

/// <summary>A compliance framework as one of the data files under Compliance/Frameworks describes it.</summary>
public sealed record ComplianceFramework
{
    /// <summary>The ID users pass to <c>--compliance</c> (the reference tool's IDs where it has the framework).</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>The prefix of this framework's compliance references on findings: "SOC2" gives "SOC2 CC6.1".</summary>
    public required string Ref { get; init; }
    public required string Publisher { get; init; }
    public required string Url { get; init; }
    /// <summary>The number of controls the framework publishes for the scope this file covers (tested against <see cref="Controls"/>).</summary>
    public required int PublishedControls { get; init; }
    /// <summary>Where <see cref="PublishedControls"/> comes from.</summary>
    public required string CountSource { get; init; }
    /// <summary>What part of the framework the file covers, when not all of it, and other notes on its content.</summary>
    public string Scope { get; init; } = "";
    /// <summary>Where the control-to-check mappings come from.</summary>
    public required string Mappings { get; init; }
    public required IReadOnlyList<FrameworkControl> Controls { get; init; }

    public string RefFor(FrameworkControl control) => $"{Ref} {control.Id}";

    public int Count(ControlAssessment assessment) => Controls.Count(c => c.Assessment == assessment);

    /// <summary>Share of controls that checks evaluate, fully or in part.</summary>
    public double AutomatedShare => Controls.Count == 0 ? 0 : (double)Controls.Count(c => c.Checks.Count > 0) / Controls.Count;
}
