namespace CloudAudit.Mcp.Tests.Support;

/// <summary>The lines a process wrote, and a way to wait for one: the test waits on what the server says, never on a clock.</summary>
public sealed class OutputLines
{
    private readonly List<string> lines = [];
    private readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];

    public void Add(string line)
    {
        lock (lines)
        {
            lines.Add(line);
            foreach (var waiter in waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Seen.TrySetResult();
            }
        }
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been written (at once if one was).</summary>
    public Task WaitForAsync(string text)
    {
        lock (lines)
        {
            if (lines.Any(l => l.Contains(text, StringComparison.Ordinal))) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((text, seen));
            return seen.Task;
        }
    }

    public override string ToString()
    {
        lock (lines) return string.Join("\n", lines);
    }
}
