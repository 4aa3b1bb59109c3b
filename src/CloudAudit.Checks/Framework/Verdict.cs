using CloudAudit.Inventory;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// Collects what a check observed and turns it into an honest status: FAIL when anything failed;
/// otherwise NOT ASSESSED when some data was missing; NOT APPLICABLE when nothing was in scope;
/// PASS only when resources were examined with complete data.
/// </summary>
public sealed class Verdict(CheckInfo info, CheckContext context)
{
    private readonly List<Finding> _findings = [];
    private readonly List<DataGap> _gaps = [];
    private readonly SortedSet<string> _examined = new(StringComparer.Ordinal);
    private string? _notApplicable;
    private string? _rootCause;
    private string? _note;

    public int ResourcesScanned { get; private set; }
    public IReadOnlyList<Finding> Findings => _findings;
    public IReadOnlyList<DataGap> Gaps => _gaps;

    /// <summary>Counts resources that were examined (passing or failing) without naming them.</summary>
    public Verdict Scanned(int count = 1)
    {
        ResourcesScanned += count;
        return this;
    }

    /// <summary>
    /// Counts and names a resource that was examined (passing or failing), with the ID its findings would carry:
    /// it is reported as passed unless a finding names it.
    /// </summary>
    public Verdict Scanned(string resourceId)
    {
        ResourcesScanned++;
        _examined.Add(resourceId);
        return this;
    }

    /// <summary>
    /// The named resources examined that no finding names, sorted. A finding on a part of a resource (a security
    /// group's rule <c>sg-1/sgr-2</c>, a policy statement <c>arn#sid</c>, a function's alias <c>arn:alias</c>) fails
    /// the resource too.
    /// </summary>
    public IReadOnlyList<string> PassedResources()
    {
        var failing = _findings.Select(f => f.ResourceId).ToHashSet(StringComparer.Ordinal);
        return [.. _examined.Where(id => !failing.Contains(id) && !failing.Any(f => IsPartOf(f, id)))];
    }

    private static bool IsPartOf(string failing, string resourceId) =>
        failing.Length > resourceId.Length && failing.StartsWith(resourceId, StringComparison.Ordinal) && failing[resourceId.Length] is '/' or '#' or ':';

    /// <summary>Records data the check needed and could not read.</summary>
    public Verdict Gap(DataGap gap)
    {
        if (!_gaps.Contains(gap))
            _gaps.Add(gap);
        return this;
    }

    public Verdict AddGaps(IEnumerable<DataGap> gaps)
    {
        foreach (var gap in gaps) Gap(gap);
        return this;
    }

    /// <summary>Nothing this check applies to exists; used only when no resource was examined.</summary>
    public Verdict NotApplicable(string reason)
    {
        _notApplicable = reason;
        return this;
    }

    /// <summary>
    /// A limit of what was evaluated that is not missing data (it cannot turn a pass into a fail), such as policies
    /// that could only have removed findings. Shown as the result's reason when nothing is missing.
    /// </summary>
    public Verdict Note(string note)
    {
        _note = note;
        return this;
    }

    /// <summary>
    /// Names the check whose failure causes this one's findings. When both fail in a scan, analysis
    /// folds these findings into the root cause's, so one problem is reported once.
    /// </summary>
    public Verdict CausedBy(string rootCauseCheckId)
    {
        _rootCause = rootCauseCheckId;
        return this;
    }

    /// <summary>Records a failing resource; the finding's remediation is rendered from the check's templates.</summary>
    public Finding Fail(string resourceId, string region, string description, SlotValues? slots = null,
        string? resourceType = null, Severity? severity = null, string? recommendation = null,
        RemediationTemplate? remediation = null, string? discriminator = null)
    {
        if (remediation is not null && remediation != info.Remediation && !info.RemediationVariants.Contains(remediation))
            throw new InvalidOperationException($"{info.Id}: a finding's remediation must be declared in the check's metadata");
        var values = slots ?? new SlotValues();
        foreach (var (name, value) in info.FixedSlots)
            if (!values.Contains(name)) values.With(name, value);
        values.With("region", region == AwsIds.GlobalRegion ? DefaultRegion() : region);
        values.With("account_id", context.AccountId);
        values.With("partition", context.Partition);
        if (!values.Contains("resource_id")) values.With("resource_id", resourceId);
        var finding = new Finding
        {
            CheckId = info.Id,
            Title = info.Title,
            Severity = severity ?? info.Severity,
            Category = info.Category,
            ResourceType = resourceType ?? info.ResourceType,
            ResourceId = resourceId,
            Region = region,
            AccountId = context.AccountId,
            Description = description,
            Recommendation = recommendation ?? info.Recommendation,
            Remediation = (remediation ?? info.Remediation).Render(values),
            Compliance = info.Compliance,
            ThreatPatternId = info.Threat?.Id,
            References = info.Threat?.References ?? [],
            Discriminator = discriminator,
        };
        _findings.Add(finding);
        return finding;
    }

    private string DefaultRegion() => context.Regions.Count > 0 ? context.Regions[0] : "us-east-1";

    public CheckResult ToResult() => new()
    {
        CheckId = info.Id,
        CheckName = info.Title,
        AccountId = context.AccountId,
        Status = Status(),
        Reason = Reason(),
        Findings = _findings.ToList(),
        ResourcesScanned = ResourcesScanned,
        PassedResources = PassedResources(),
        Gaps = _gaps.ToList(),
        RootCause = _findings.Count > 0 ? _rootCause : null,
    };

    private CheckStatus Status()
    {
        if (_findings.Count > 0) return CheckStatus.Fail;
        if (_gaps.Count > 0) return CheckStatus.NotAssessed;
        if (ResourcesScanned == 0) return CheckStatus.NotApplicable;
        return CheckStatus.Pass;
    }

    private string? Reason() => Status() switch
    {
        CheckStatus.Fail when _gaps.Count > 0 => $"{_findings.Count} finding(s); {_gaps.Count} part(s) not assessed: {_gaps[0]}",
        CheckStatus.NotAssessed => _gaps.Count == 1 ? _gaps[0].ToString() : $"{_gaps.Count} reads missing; first: {_gaps[0]}",
        CheckStatus.NotApplicable => _notApplicable ?? "nothing in scope to evaluate",
        _ => _note,
    };
}
