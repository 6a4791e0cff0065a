using k8s.Models;
using LeBureau.Operator.Desktops;
using LeBureau.Operator.Runtime;
using LeBureau.Operator.Tiers;
using LeBureau.Resources;

namespace LeBureau.Operator.Machines;

/// <summary>
/// A desktop's persistent data disk: the PVC <see cref="DesktopNames.DataDisk"/>, sized by the tier and owned by the
/// Desktop (not by the VM or Pod), so it survives stop/start and goes with the desktop. Shared by the kubevirt and pod runtimes.
/// </summary>
public static class DataDisk
{
    /// <summary>The claim for <paramref name="desktop"/> with <paramref name="size"/>'s disk (pure).</summary>
    public static V1PersistentVolumeClaim Build(Desktop desktop, TierSize size)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        ArgumentNullException.ThrowIfNull(size);
        return new V1PersistentVolumeClaim
        {
            ApiVersion = "v1", Kind = "PersistentVolumeClaim",
            Metadata = DesktopOwner.Metadata(desktop, DesktopNames.DataDisk(desktop.Metadata.Name), "data-disk"),
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size.Disk) } },
            },
        };
    }

    /// <summary>Creates the claim unless the cache already holds it.</summary>
    public static async Task EnsureAsync(Informer<V1PersistentVolumeClaim> claims, ResourceClient<V1PersistentVolumeClaim> client, Desktop desktop, TierSize size,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(desktop);
        if (claims.Get(desktop.Metadata.NamespaceProperty, DesktopNames.DataDisk(desktop.Metadata.Name)) is not null) return;
        try
        {
            await client.CreateAsync(Build(desktop, size), cancellationToken);
        }
        catch (KubeApiException e) when (e.IsConflict)
        {
            // Created by an earlier pass the cache has not shown yet.
        }
    }
}
