using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecoverySitesVendorRestoresCoverageAndDisruptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows start with an empty list or map in the JSON columns, which the converters read.
            migrationBuilder.AddColumn<string>(
                name: "HostingRecoverySites",
                table: "systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "RestoredByVendor",
                table: "systems",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Disruption",
                table: "scenarios",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recovers",
                table: "procedures",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ObjectivesByDisruption",
                table: "business_functions",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HostingRecoverySites",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "RestoredByVendor",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "Disruption",
                table: "scenarios");

            migrationBuilder.DropColumn(
                name: "Recovers",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "ObjectivesByDisruption",
                table: "business_functions");
        }
    }
}
