using CloudAudit.Access.Escalation;
using CloudAudit.Policy.Catalog;

namespace CloudAudit.Access.Tests;

/// <summary>cloud-audit's path models stay in step with the copied pathfinding.cloud catalogue and the IAM catalogue.</summary>
public class PathModelsTests
{
    public static TheoryData<string> PathIds => new(PathCatalog.Paths.Select(p => p.Id));

    [Fact]
    public void Every_parent_is_in_the_catalogue()
    {
        foreach (var path in PathCatalog.Paths.Where(p => p.Parent is not null))
            Assert.NotNull(PathCatalog.Find(path.Parent!));
    }

    [Fact]
    public void The_catalogue_is_embedded_with_its_source()
    {
        // pathfinding.cloud's 86 AWS paths, three it has since dropped, and cloud-audit's own 22.
        Assert.Equal(86, PathCatalog.Paths.Count(p => p.IsPathfinding && p.Retired is null));
        Assert.Equal(["ec2instanceconnect-003", "glue-002", "sagemaker-003"], PathCatalog.Paths.Where(p => p.Retired is not null).Select(p => p.Id));
        Assert.Equal(22, PathCatalog.Paths.Count(p => !p.IsPathfinding));
        Assert.All(PathCatalog.Paths.Where(p => !p.IsPathfinding), p => Assert.NotNull(p.Reference));
        Assert.StartsWith("DataDog/pathfinding.cloud", PathCatalog.Source);
        Assert.Equal(PathCatalog.Paths.Select(p => p.Id).Order(), PathModels.All.Select(m => m.Id).Order());
    }

    [Theory]
    [MemberData(nameof(PathIds))]
    public void Each_path_is_modelled_with_exactly_its_required_permissions(string id)
    {
        var model = PathModels.Get(id);
        Assert.Equal(PathCatalog.Get(id).Required.Order(StringComparer.Ordinal), model.Steps.Select(s => s.Action).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PathIds))]
    public void Each_step_names_a_real_action_and_resource_type(string id)
    {
        foreach (var step in PathModels.Get(id).Steps)
        {
            var action = IamCatalog.Default.FindAction(step.Action);
            Assert.NotNull(action);
            if (step.ResourceType is { } type)
                Assert.Contains(action.ResourceTypes, r => r.Name == type);
        }
    }

    [Theory]
    [MemberData(nameof(PathIds))]
    public void Paths_through_a_service_name_the_service_principal(string id)
    {
        var model = PathModels.Get(id);
        if (model.Shape is PathShape.PassToNew or PathShape.HijackExisting)
            Assert.EndsWith(".amazonaws.com", model.Service);
        else
            Assert.Null(model.Service);
    }
}
