using CloudAudit.Collection.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace CloudAudit.Collection.Tests.Organizations;

/// <summary>AccountDeadline on a clock the test moves: it fires at the limit of the time it ran, never counting its pauses.</summary>
public sealed class AccountDeadlineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(4);
    private readonly FakeTimeProvider time = new();

    private AccountDeadline Deadline(CancellationToken cancellation = default) => new(Limit, cancellation, time);

    [Fact]
    public void It_fires_when_the_limit_has_run_and_not_a_tick_before()
    {
        using var deadline = Deadline();

        time.Advance(Limit - TimeSpan.FromTicks(1));
        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.Equal(Limit - TimeSpan.FromTicks(1), deadline.OwnTime);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_pause_stops_the_clock_and_a_resume_goes_on_with_what_is_left()
    {
        using var deadline = Deadline();

        time.Advance(TimeSpan.FromSeconds(3));
        deadline.Pause();
        time.Advance(TimeSpan.FromHours(1));
        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(3), deadline.OwnTime);

        deadline.Resume();
        time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(3.9), deadline.OwnTime);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Nested_pauses_need_as_many_resumes()
    {
        using var deadline = Deadline();

        deadline.Pause();
        deadline.Pause();
        deadline.Resume();
        time.Advance(TimeSpan.FromHours(1));
        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.Zero, deadline.OwnTime);

        deadline.Resume();
        time.Advance(Limit);
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_deadline_that_already_fired_stays_fired_through_pauses_and_resumes()
    {
        using var deadline = Deadline();
        time.Advance(TimeSpan.FromSeconds(5));

        deadline.Pause();
        deadline.Resume();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(5), deadline.OwnTime);
    }

    [Fact]
    public void Resuming_with_less_than_a_millisecond_left_fires_at_once()
    {
        using var deadline = Deadline();
        time.Advance(Limit - TimeSpan.FromMilliseconds(0.5));
        deadline.Pause();
        Assert.False(deadline.Token.IsCancellationRequested);

        // The timer counts whole milliseconds: what is left rounds down to none.
        deadline.Resume();

        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task What_it_waits_for_through_Excluding_is_not_counted()
    {
        using var deadline = Deadline();
        time.Advance(TimeSpan.FromSeconds(1));

        await deadline.Excluding(_ =>
        {
            time.Advance(TimeSpan.FromMinutes(10));
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.OwnTime);
    }

    [Fact]
    public void The_run_s_cancellation_cancels_it_too()
    {
        using var run = new CancellationTokenSource();
        using var deadline = Deadline(run.Token);

        run.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.Zero, deadline.OwnTime);
    }
}
