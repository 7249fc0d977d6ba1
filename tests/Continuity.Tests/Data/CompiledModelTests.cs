using System.Text;
using Continuity.Data;
using Continuity.Data.CompiledModels.Postgres;
using Continuity.Data.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Continuity.Tests.Data;

/// <summary>The compiled models in Data/CompiledModels save every command the building of the EF
/// model; EF uses them without checking them against the configuration. These tests fail when
/// they no longer describe what the entity configurations say.</summary>
public sealed class CompiledModelTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_is_in_use(DatabaseProvider provider)
    {
        using var db = Open(provider);

        Assert.IsType(provider == DatabaseProvider.Sqlite ? typeof(SqliteContinuityDbModel) : typeof(PostgresContinuityDbModel), db.Model);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_describes_the_current_configuration(DatabaseProvider provider)
    {
        using var db = Open(provider);
        var configured = db.GetService<IDesignTimeModel>().Model;

        Assert.True(Describe(configured) == Describe(db.Model), "The compiled model is stale: run scripts/add-migration.sh (it regenerates it), or see there how.");
    }

    private static ContinuityDb Open(DatabaseProvider provider) => ContinuityDbFactory.Create(new DatabaseOptions
    {
        Provider = provider,
        ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=never-opened.db" : "Host=localhost;Database=never-opened",
    });

    // What EF reads and writes by: tables, columns, types, conversions, keys and relationships.
    private static string Describe(IModel model)
    {
        var text = new StringBuilder();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            text.AppendLine($"{entity.Name} -> {table.DisplayName()}");
            foreach (var property in entity.GetProperties())
            {
                var mapping = property.GetRelationalTypeMapping();
                text.AppendLine($"  {property.Name}: {property.ClrType} -> {property.GetColumnName(table)} {mapping.StoreType} "
                    + $"nullable={property.IsNullable} maxLength={property.GetMaxLength()} converter={Describe(property.GetValueConverter())} "
                    + $"provider={property.GetProviderClrType()} comparer={Describe(property.GetValueComparer())} "
                    + $"concurrency={property.IsConcurrencyToken} generated={property.ValueGenerated} default={property.GetDefaultValue()} sql={property.GetDefaultValueSql()}");
            }
            foreach (var key in entity.GetKeys())
            {
                text.AppendLine($"  key {Names(key.Properties)} primary={key.IsPrimaryKey()}");
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                text.AppendLine($"  fk {Names(foreignKey.Properties)} -> {foreignKey.PrincipalEntityType.Name} {Names(foreignKey.PrincipalKey.Properties)} "
                    + $"required={foreignKey.IsRequired} unique={foreignKey.IsUnique} delete={foreignKey.DeleteBehavior}");
            }
            foreach (var index in entity.GetIndexes())
            {
                text.AppendLine($"  index {index.GetDatabaseName()} {Names(index.Properties)} unique={index.IsUnique} filter={index.GetFilter()}");
            }
            foreach (var navigation in entity.GetNavigations())
            {
                text.AppendLine($"  navigation {navigation.Name} -> {navigation.TargetEntityType.Name}");
            }
        }
        return text.ToString();
    }

    // The compiled model holds the conversions as lambdas, not as the configuration's classes.
    private static string Describe(ValueConverter? converter) =>
        converter is null ? "" : $"{converter.ConvertToProviderExpression} / {converter.ConvertFromProviderExpression}";

    private static string Describe(ValueComparer comparer) =>
        $"{comparer.EqualsExpression} / {comparer.HashCodeExpression} / {comparer.SnapshotExpression}";

    private static string Names(IEnumerable<IProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
