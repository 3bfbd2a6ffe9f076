// Package server wires the domains into one HTTP handler: middleware, routes,
// health, metrics, the OpenAPI document and the embedded frontend.
package server

import (
	"context"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/bank"
	"github.com/govtrain/lms/api/cert"
	"github.com/govtrain/lms/api/course"
	"github.com/govtrain/lms/api/org"
	"github.com/govtrain/lms/api/platform/config"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/quiz"
	"github.com/govtrain/lms/api/report"
	"github.com/govtrain/lms/api/target"
)

// Server is the assembled application.
type Server struct {
	Handler http.Handler
	Imports *org.Importer   // background import jobs; Close waits for them
	Quizzes *quiz.Service   // RunExpiry closes attempts whose time is up
	Reports *report.Service // Run makes the queued report runs
	// Registry is what /metrics exports; serve adds to it (LMS_COUNT_SQL).
	Registry *prometheus.Registry
}

// New builds the router for cfg on database d, serving the frontend from dist.
func New(cfg *config.Config, d *sqlx.DB, dist fs.FS) *Server {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(d.DB, "lms"))
	r.Use(httpx.Observe(httpx.NewMetrics(reg)))

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.GET("/readyz", ready(d))
	r.GET("/metrics", gin.WrapH(promhttp.HandlerFor(reg, promhttp.HandlerOpts{})))

	tokens := auth.NewTokens(cfg.JWTSecret, cfg.Issuer, cfg.AccessTTL)
	authH := auth.NewHandler(auth.NewService(d, tokens, cfg.RefreshTTL), d, tokens, cfg.SecureCookies, cfg.TrustedProxies)
	actor := func(c *gin.Context) audit.Actor { return auth.ActorOf(c, authH.Client(c)) }

	v1 := r.Group("/api/v1", httpx.BodyLimit(cfg.MaxUploadBytes))
	v1.GET("/openapi.json", openAPI)
	json := v1.Group("", jsonLimit(cfg.MaxBodyBytes))
	authed := json.Group("", tokens.Authenticate())
	authH.Register(json, authed)
	org.NewHandler(org.NewService(d), actor).Register(authed)
	imports := org.NewImporter(d, cfg.MaxUploadBytes)
	imports.Register(authed, actor)
	audit.NewHandler(d).Register(authed.Group("", auth.Require(auth.AuditRead)))
	course.NewHandler(course.NewService(d), actor).Register(json, authed)
	bank.NewHandler(d, actor, cfg.MaxUploadBytes).Register(authed)
	quizzes := quiz.NewService(d, cfg.QuizGrace)
	quiz.NewHandler(quizzes, actor).Register(json, authed)
	targetSvc := target.NewService(d)
	targets := target.NewHandler(targetSvc)
	targets.Register(authed)
	targets.RegisterFacts(authed, actor, cfg.MaxUploadBytes)
	targets.RegisterEditing(authed, actor)
	cert.NewHandler(cert.NewService(d, cfg.PublicURL), actor, cfg.TrustedProxies, cfg.MaxUploadBytes).Register(json, authed)
	reports := report.NewService(d, targetSvc)
	report.NewHandler(reports, actor).Register(authed)

	spa := httpx.SPA(dist)
	r.NoRoute(func(c *gin.Context) {
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			httpx.WriteError(c, errs.New(errs.NotFound, "no_route", "no such API endpoint"))
			return
		}
		spa(c)
	})
	r.NoMethod(func(c *gin.Context) {
		httpx.WriteError(c, errs.New(errs.NotAllowed, "method_not_allowed", "this endpoint does not accept "+c.Request.Method))
	})
	return &Server{Handler: r, Imports: imports, Quizzes: quizzes, Reports: reports, Registry: reg}
}

// jsonLimit caps JSON request bodies lower than file uploads; multipart
// uploads keep the outer, larger limit.
func jsonLimit(n int64) gin.HandlerFunc {
	limit := httpx.BodyLimit(n)
	return func(c *gin.Context) {
		if c.ContentType() == "multipart/form-data" {
			c.Next()
			return
		}
		limit(c)
	}
}

// ready answers 200 when the database answers and its schema is the one this
// binary expects.
func ready(d *sqlx.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c, 2e9)
		defer cancel()
		st, err := db.SchemaStatus(ctx, d)
		if err != nil {
			httpx.WriteError(c, &errs.Error{Kind: errs.Unavailable, Code: "database_unavailable", Message: "the database does not answer", Err: err})
			return
		}
		if st.Behind() || st.Current != st.Latest {
			httpx.WriteError(c, errs.New(errs.Unavailable, "schema_mismatch", "the database schema is "+st.String()))
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ok", "schema_version": st.Current})
	}
}
