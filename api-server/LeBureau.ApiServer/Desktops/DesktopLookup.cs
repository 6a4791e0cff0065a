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
        if (!Guid.TryParse(id, out var uid)) return DesktopLookupResult.NotFound;
        var desktop = caches.Desktops.FirstByIndex(ResourceCaches.ByUid, uid.ToString("D"));
        if (desktop is null) return DesktopLookupResult.NotFound;
        return desktop.Metadata.NamespaceProperty == caller.Namespace
            ? new DesktopLookupResult(desktop, StatusCodes.Status200OK)
            : DesktopLookupResult.OtherTenant;
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
    public static readonly DesktopLookupResult NotFound = new(null, StatusCodes.Status404NotFound);
    public static readonly DesktopLookupResult OtherTenant = new(null, StatusCodes.Status403Forbidden);

    public string Detail => Status == StatusCodes.Status403Forbidden ? DesktopLookup.OtherTenantDetail : DesktopLookup.NotFoundDetail;
}
