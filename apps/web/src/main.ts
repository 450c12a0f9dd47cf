document.getElementById('app')!.textContent = 'AgriLink';
