using LeBureau.ApiServer.Auth;
using LeBureau.ApiServer.Cache;
using LeBureau.Resources;

namespace LeBureau.ApiServer.Desktops;

/// <summary>Resolves a desktop id for a caller from the watch cache, applying tenancy.</summary>
internal sealed class DesktopLookup(ResourceCaches caches)
{
    public const string NotFoundDetail = "Desktop not found";
    public const string OtherTenantDetail = "Desktop belongs to another user";

    public DesktopLookupResult Find(Caller caller, string id)
    {
        var (desktop, status) = TenantScope.Find(caches.Desktops, caller, id);
        return new DesktopLookupResult(desktop, status);
    }

    /// <summary>The caller's desktops, oldest first (destroyed ones are gone from the cache; those being destroyed show "destroying").</summary>
    public IEnumerable<Desktop> List(Caller caller) =>
        caches.Desktops.List(caller.Namespace)
            .OrderBy(d => d.Metadata.CreationTimestamp)
            .ThenBy(d => d.Metadata.Name, StringComparer.Ordinal);
}

/// <summary>A desktop, or why there is none: 404 (no such id) or 403 (another tenant's).</summary>
internal sealed record DesktopLookupResult(Desktop? Desktop, int Status)
{
    public string Detail => Status == StatusCodes.Status403Forbidden ? DesktopLookup.OtherTenantDetail : DesktopLookup.NotFoundDetail;
}
