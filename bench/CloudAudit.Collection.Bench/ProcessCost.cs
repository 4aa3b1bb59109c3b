using System.Diagnostics;

namespace CloudAudit.Collection.Bench;

/// <summary>
/// What the scanner's own process spent: CPU, bytes allocated and time paused for garbage collection, per HTTP
/// request. These hold their meaning on a busy machine, where the wall time does not.
/// </summary>
internal static class ProcessCost
{
    public static string PerRequest(long requests, long fakeAwsCpuMs)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var paused = GC.GetTotalPauseDuration().TotalMilliseconds;
        var perRequest = Math.Max(1, requests);
        return $"scanner {cpu / 1000:0.0} s ({cpu / perRequest:0.000} ms/request, {allocated / 1024.0 / perRequest:0.0} KB allocated/request, "
            + $"GC paused {paused / 1000:0.00} s in {GC.CollectionCount(0):N0}/{GC.CollectionCount(1):N0}/{GC.CollectionCount(2):N0} gen0/1/2 collections), "
            + $"fake AWS {fakeAwsCpuMs / 1000.0:0.0} s ({fakeAwsCpuMs / (double)perRequest:0.000} ms/request), on {Environment.ProcessorCount} cores "
            + $"(load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})";
    }
}
