// "Keep a copy on this phone" for the crisis plan page (peerpath/recovery/offline.py).
// Without JavaScript or a service worker the buttons stay hidden; print and PDF remain.
const SCOPE = '/my/crisis-plan/'
const WORKER = '/my/crisis-plan/offline.js'
const CACHE = 'peerpath-crisis-plan-v1'
const COOKIE = 'pp_offline_copy'

const panel = document.getElementById('pp-offline')
const keep = document.getElementById('pp-offline-keep')
const remove = document.getElementById('pp-offline-remove')
const status = document.getElementById('pp-offline-status')
const saved = document.getElementById('pp-offline-saved')

function setCookie (on) {
  const secure = window.location.protocol === 'https:' ? '; Secure' : ''
  document.cookie = on
    ? `${COOKIE}=1; path=/; max-age=31536000; SameSite=Lax${secure}`
    : `${COOKIE}=; path=/; max-age=0; SameSite=Lax${secure}`
}

function show (kept) {
  keep.hidden = kept
  remove.hidden = !kept
}

async function keepCopy () {
  status.textContent = 'Saving a copy on this phone…'
  await navigator.serviceWorker.register(WORKER, { scope: SCOPE })
  await navigator.serviceWorker.ready
  const response = await fetch(SCOPE, { credentials: 'same-origin', cache: 'no-store' })
  if (response.status === 200 && !response.redirected &&
      response.headers.get('X-PeerPath-Offline') === 'crisis-plan') {
    const cache = await caches.open(CACHE)
    await cache.put(SCOPE, response)
  }
  setCookie(true)
  show(true)
  status.textContent = 'A copy of your crisis plan is kept on this phone. It opens even with no connection.'
}

async function removeCopy () {
  const registration = await navigator.serviceWorker.getRegistration(SCOPE)
  if (registration) await registration.unregister()
  await caches.delete(CACHE)
  setCookie(false)
  show(false)
  status.textContent = 'The copy has been removed from this phone.'
}

async function start () {
  if (!panel || !('serviceWorker' in navigator) || !('caches' in window)) return
  const registration = await navigator.serviceWorker.getRegistration(SCOPE)
  show(Boolean(registration))
  panel.hidden = false
  if (!navigator.onLine && saved) saved.hidden = false
  keep.addEventListener('click', () => { keepCopy().catch(() => { status.textContent = 'The copy could not be saved. You can print it or download a PDF instead.' }) })
  remove.addEventListener('click', () => { removeCopy().catch(() => { status.textContent = 'The copy could not be removed. Try again.' }) })
}

start()
