package org

import (
	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
)

// Importer runs people imports. (Being written: CSV/XLSX preview, jobs, export.)
type Importer struct {
	db       *sqlx.DB
	maxBytes int64
}

// NewImporter returns an Importer.
func NewImporter(d *sqlx.DB, maxBytes int64) *Importer { return &Importer{db: d, maxBytes: maxBytes} }

// Register adds the import and export routes.
func (im *Importer) Register(rg *gin.RouterGroup, actor func(*gin.Context) audit.Actor) {}

// Close waits for running imports.
func (im *Importer) Close() {}
